package org.snn4j.report;

/**
 * One epoch of a training run, as {@code snn train} prints it.
 *
 * @param epoch from 1
 * @param trainLoss mean batch loss of the epoch's training
 * @param trainAccuracy percent of training samples whose highest output rate in their training pass was at their
 *     label (NaN when not counted)
 * @param testAccuracy percent, after the epoch
 * @param testLoss mean batch loss on the test set
 * @param learningRate the optimizer's learning rate during the epoch
 * @param seconds wall time of the epoch's training
 */
public record EpochRecord(
    int epoch, double trainLoss, double trainAccuracy, double testAccuracy, double testLoss, double learningRate,
    double seconds) {}
