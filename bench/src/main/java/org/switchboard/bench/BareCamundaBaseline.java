package org.switchboard.bench;

import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.switchboard.dmn.MemoizingFeelEngine;

/** The baseline: bare Camunda on the same PostgreSQL, history full, starting a one-task process. */
final class BareCamundaBaseline {

  private BareCamundaBaseline() {
  }

  static ProcessEngine engine(HikariDataSource dataSource, String name) {
    return engine(dataSource, name, false);
  }

  /** @param platformFeel true to evaluate FEEL the way the platform does (MemoizingFeelEngine in front) */
  static ProcessEngine engine(HikariDataSource dataSource, String name, boolean platformFeel) {
    StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
    if (platformFeel) {
      DefaultDmnEngineConfiguration dmn =
          (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      FeelEngineFactory scala = new ScalaFeelEngineFactory();
      dmn.setFeelEngineFactory(() -> new MemoizingFeelEngine(scala.createInstance()));
      config.setDmnEngineConfiguration(dmn);
    }
    config.setProcessEngineName(name);
    config.setDataSource(dataSource);
    config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
    config.setHistoryLevel(HistoryLevel.HISTORY_LEVEL_FULL);
    config.setJobExecutorActivate(false);
    config.setMetricsEnabled(false);
    return config.buildProcessEngine();
  }

  static void deployOneTaskProcess(ProcessEngine engine) {
    BpmnModelInstance model = Bpmn.createExecutableProcess("OneTask")
        .camundaHistoryTimeToLive(180)
        .startEvent()
        .userTask("Task_Work").camundaCandidateGroups("agents")
        .endEvent()
        .done();
    engine.getRepositoryService().createDeployment().addModelInstance("OneTask.bpmn", model).deploy();
  }

  static LatencyRecorder.Result run(ProcessEngine engine, String name, int operations, int concurrency) throws Exception {
    return LatencyRecorder.measure(name, operations, concurrency,
        i -> engine.getRuntimeService().startProcessInstanceByKey("OneTask", "bk-" + name.hashCode() + "-" + i));
  }
}
