package org.snn4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snn4j.api.SpikeEncoder;
import org.snn4j.runtime.Prediction;
import org.snn4j.runtime.Predictor;
import org.snn4j.runtime.SnnModel;

/** The Transformer predicts what snn-runtime predicts for each sample, whatever the partitioning. */
class SnnScorerTest {
  private static RowDataset test;
  private static byte[] model;

  @TempDir static Path dir;

  @BeforeAll
  static void train() throws Exception {
    model = SparkTestData.trainedModel(SparkTestData.patterns(400, 1));
    test = SparkTestData.patterns(150, 2);
  }

  private static List<Row> score(int partitions, int batch) {
    Dataset<Row> frame = SparkData.frame(SparkTestData.spark(), test, partitions);
    SnnScorer scorer = new SnnScorer(model).setBatchSize(batch).setWithCounts(true).setSeed(5);
    return scorer.transform(frame).orderBy(SparkData.INDEX).collectAsList();
  }

  @Test
  void predictsWhatTheRuntimePredictsRowForRow() throws Exception {
    Path file = Files.write(dir.resolve("m.snn"), model);
    SnnModel runtime = SnnModel.load(file);
    List<Row> rows = score(3, 32);
    assertEquals(test.size(), rows.size());
    int correct = 0;
    try (Predictor p = runtime.newPredictor()) {
      float[] features = new float[SparkTestData.FEATURES];
      for (int i = 0; i < test.size(); i++) {
        Row r = rows.get(i);
        assertEquals(i, r.getLong(0));
        test.features(i, features, 0);
        Prediction expected = p.predict(features, SpikeEncoder.streamKey(5, 0, i));
        double[] rates = ((Vector) r.get(4)).toArray();
        float[] asFloats = new float[rates.length];
        for (int k = 0; k < rates.length; k++) {
          asFloats[k] = (float) rates[k];
        }
        assertArrayEquals(expected.rates(), asFloats, 0f, "rates of row " + i);
        assertEquals(expected.label(), (int) r.getDouble(3), "prediction of row " + i);
        assertEquals(List.of(java.util.Arrays.stream(expected.spikeCounts()).boxed().toArray()), r.getList(5));
        correct += expected.label() == test.label(i) ? 1 : 0;
      }
    }
    assertTrue(correct > 0.8 * test.size(), "the trained model classifies " + correct + " of " + test.size());
  }

  @Test
  void partitionsAndBatchesChangeNothing() {
    List<Row> a = score(1, 100);
    List<Row> b = score(4, 7);
    assertEquals(a, b);
  }

  @Test
  void missingOrTakenColumnsAreNamed() {
    Dataset<Row> frame = SparkData.frame(SparkTestData.spark(), test, 2);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new SnnScorer(model).setFeaturesCol("pixels").transform(frame));
    assertTrue(e.getMessage().contains("no column 'pixels' (featuresCol"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new SnnScorer(model).setPredictionCol("label").transform(frame));
    assertTrue(e.getMessage().contains("already has a column 'label' (predictionCol)"), e.getMessage());
  }

  @Test
  void aDamagedModelFailsOnTheDriver() {
    byte[] damaged = model.clone();
    damaged[damaged.length / 2] ^= 1;
    var e = assertThrows(IllegalStateException.class, () -> new SnnScorer(damaged));
    assertTrue(e.getMessage().startsWith("the model's bytes at byte ") && e.getMessage().contains("checksum mismatch"),
        e.getMessage());
  }
}
