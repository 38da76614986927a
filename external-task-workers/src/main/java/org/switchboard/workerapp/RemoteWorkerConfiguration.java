package org.switchboard.workerapp;

import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.switchboard.workers.channels.ChannelAccounts;
import org.switchboard.workers.channels.OutboundMessages;
import org.switchboard.workers.remote.CaseApiClient;
import org.switchboard.workers.remote.HttpChannelAccounts;
import org.switchboard.workers.remote.HttpOutboundMessages;
import org.switchboard.workers.remote.RemoteWorkerRunner;
import org.switchboard.workers.runtime.TopicWorker;
import org.switchboard.workers.runtime.WorkerMode;
import org.switchboard.workers.runtime.WorkerRuntimeProperties;

/** What case-api provides in-process, over HTTP: the send ledger and channel accounts; and the runner. */
@Configuration(proxyBeanMethods = false)
public class RemoteWorkerConfiguration {

  @Bean
  RestClient caseApiRestClient(WorkerRuntimeProperties properties) {
    return CaseApiClient.create(properties.remote());
  }

  @Bean
  OutboundMessages outboundMessages(RestClient caseApiRestClient) {
    return new HttpOutboundMessages(caseApiRestClient);
  }

  @Bean
  ChannelAccounts channelAccounts(RestClient caseApiRestClient) {
    return new HttpChannelAccounts(caseApiRestClient);
  }

  /** Web chat sockets live in case-api: replies go back there to be pushed. */
  @Bean
  org.switchboard.workers.channels.ChannelSender webChatSender(RestClient caseApiRestClient) {
    return new org.switchboard.workers.remote.HttpWebChatSender(caseApiRestClient);
  }

  @Bean
  RemoteWorkerRunner remoteWorkerRunner(List<TopicWorker> workers, WorkerRuntimeProperties properties) {
    if (properties.mode() != WorkerMode.REMOTE) {
      throw new IllegalStateException("The worker app runs workers remotely: set switchboard.workers.mode to "
          + "remote (and case-api's to remote too), not " + properties.mode());
    }
    return new RemoteWorkerRunner(workers, properties);
  }

  /** Starts polling once every bean is ready; stops before the context closes. */
  @Bean
  SmartLifecycle remoteWorkerLifecycle(RemoteWorkerRunner runner) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        runner.start();
        running = true;
      }

      @Override
      public void stop() {
        runner.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }
    };
  }
}
