package org.snn4j.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.snn4j.core.io.ModelFile;
import org.snn4j.core.kernel.Kernels;
import org.snn4j.runtime.ModelException;
import org.snn4j.runtime.SnnModel;

/**
 * What an executor JVM keeps between tasks: the models and datasets that broadcasts brought, by key, so that each
 * is decoded once per executor and shared by its task threads (all of them immutable). The first use logs which
 * kernels the executor runs, with the fix when the Vector API module is missing.
 */
final class ExecutorCache {
  private static final System.Logger LOG = System.getLogger(ExecutorCache.class.getName());
  private static final Map<Object, Object> VALUES = new ConcurrentHashMap<>();
  private static volatile boolean told;

  private ExecutorCache() {}

  /** The value cached under {@code key}, made by {@code make} on first use. */
  @SuppressWarnings("unchecked")
  static <T> T get(Object key, Supplier<T> make) {
    tellKernels();
    return (T) VALUES.computeIfAbsent(key, k -> make.get());
  }

  /** Drops everything cached under keys that {@code keep} rejects (e.g. an older job's). */
  static void retain(java.util.function.Predicate<Object> keep) {
    VALUES.keySet().removeIf(k -> !keep.test(k));
  }

  private static void tellKernels() {
    if (told) {
      return;
    }
    told = true;
    String kernels = Kernels.get().describe();
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.log(System.Logger.Level.WARNING, "snn-spark: this executor runs the scalar kernels (" + kernels + "), "
          + "several times slower: add --add-modules jdk.incubator.vector to spark.executor.extraJavaOptions");
    } else {
      LOG.log(System.Logger.Level.INFO, "snn-spark: this executor runs kernels " + kernels);
    }
  }

  /** A model read from its file's bytes. */
  static SnnModel model(byte[] bytes) {
    return throughFile(bytes, tmp -> {
      try {
        return SnnModel.load(tmp);
      } catch (ModelException e) {
        throw new IllegalStateException(e.getMessage().replace(tmp.toString(), "the model's bytes"), e);
      }
    });
  }

  /** A network read from its model file's bytes, with the kernels of this JVM. */
  static ModelFile.Loaded network(byte[] bytes) {
    return throughFile(bytes, tmp -> {
      try {
        return ModelFile.read(tmp, Kernels.get());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** {@code read} applied to the bytes written to a temporary file, which is deleted after. */
  private static <T> T throughFile(byte[] bytes, java.util.function.Function<Path, T> read) {
    Path tmp = null;
    try {
      tmp = Files.createTempFile("snn4j-spark-", ".snn");
      Files.write(tmp, bytes);
      return read.apply(tmp);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temporary file; the OS clears its folder
      }
    }
  }
}
