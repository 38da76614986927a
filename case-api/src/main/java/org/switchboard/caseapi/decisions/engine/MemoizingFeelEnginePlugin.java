package org.switchboard.caseapi.decisions.engine;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.switchboard.dmn.MemoizingFeelEngine;
import org.springframework.stereotype.Component;

/** Puts {@link MemoizingFeelEngine} in front of the engine's Scala FEEL engine. */
@Component
public class MemoizingFeelEnginePlugin extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
        ? configuration.getDmnEngineConfiguration()
        : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
    FeelEngineFactory scala = dmn.getFeelEngineFactory() != null ? dmn.getFeelEngineFactory() : new ScalaFeelEngineFactory();
    dmn.setFeelEngineFactory(() -> new MemoizingFeelEngine(scala.createInstance()));
    configuration.setDmnEngineConfiguration(dmn);
  }
}
