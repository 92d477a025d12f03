package org.snn4j.datasets.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fetches every file of a {@link DatasetSource} into a folder ({@link Downloader}), then unpacks the archives among
 * them ({@link Unpacker}) once: a marker {@code .<archive>.unpacked} records that it was done, so running again only
 * checks the files.
 */
public final class DatasetFetcher {
  private final Downloader downloader;
  private final Downloader.Listener listener;

  /**
   * @param downloader does the downloads
   * @param listener receives notices about unpacking
   */
  public DatasetFetcher(Downloader downloader, Downloader.Listener listener) {
    this.downloader = downloader;
    this.listener = listener;
  }

  /**
   * Fetches {@code source} into {@code folder}.
   *
   * @param mirror a base URL to fetch every file from instead of the official locations, or null
   * @return the files downloaded or found, in catalog order
   * @throws FetchException if a file could not be downloaded, verified or unpacked
   */
  public List<Path> fetch(DatasetSource source, Path folder, URI mirror) throws IOException {
    List<Path> files = new ArrayList<>();
    for (RemoteFile f : source.files()) {
      files.add(downloader.fetch(mirror == null ? f : f.at(mirror), folder));
    }
    for (Path file : files) {
      String name = file.getFileName().toString();
      if (!Unpacker.isArchive(name)) {
        continue;
      }
      Path marker = file.resolveSibling("." + name + ".unpacked");
      if (Files.isRegularFile(marker)) {
        continue;
      }
      listener.notice(name + ": unpacking into " + folder);
      int count = Unpacker.unpack(file, folder);
      listener.notice(name + ": " + count + " files unpacked");
      Files.writeString(marker, "unpacked by snn data fetch\n");
    }
    return files;
  }
}
