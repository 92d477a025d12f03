package org.snn4j.core.optim;

import java.util.List;
import org.snn4j.api.Optimizer;
import org.snn4j.api.Parameter;
import org.snn4j.core.parallel.WorkerPool;

/**
 * An optimizer whose update can use the trainer's threads. The update is elementwise, so splitting it changes no
 * result.
 */
public interface PooledOptimizer extends Optimizer {
  /** {@link #step(List)} with the work split over {@code pool}. */
  void step(List<Parameter> parameters, WorkerPool pool);
}
