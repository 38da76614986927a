package org.switchboard.caseapi.workers;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.switchboard.workers.runtime.Job;
import org.switchboard.workers.runtime.Outcome;
import org.switchboard.workers.runtime.TopicWorker;

/** A worker on a topic of its own (unique per test) that remembers the jobs it saw. */
class TestWorker implements TopicWorker {

  final String topic = "Test" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  final List<Job> jobs = new CopyOnWriteArrayList<>();
  volatile Function<Job, Outcome> behaviour;

  TestWorker(Function<Job, Outcome> behaviour) {
    this.behaviour = behaviour;
  }

  @Override
  public String topic() {
    return topic;
  }

  @Override
  public Outcome work(Job job) {
    jobs.add(job);
    return behaviour.apply(job);
  }
}
