package org.switchboard.caseapi.tasks.engine;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link TaskLinkListener} to every user task of every process the engine parses, whoever
 * deployed it (platform models, sector bundles, Camunda Modeler), so no model has to declare it.
 *
 * <p>Why a parse listener and not Camunda's Spring eventing ({@code camunda.bpm.eventing.task}): the
 * listener is registered as a <em>built-in</em> task listener, which the engine runs even when an operator
 * cancels or modifies instances with "skip custom listeners" (an option Cockpit and the REST API offer).
 * Spring eventing registers ordinary, skippable listeners by default, so such a cancellation would leave
 * the task open in {@code task_link} forever; it can also be switched off by a property unrelated to this
 * feature. Both run synchronously in the engine's transaction.
 */
@Component
public class TaskLinkEnginePlugin extends AbstractProcessEnginePlugin {

  private static final List<String> EVENTS = List.of(TaskListener.EVENTNAME_CREATE,
      TaskListener.EVENTNAME_ASSIGNMENT, TaskListener.EVENTNAME_UPDATE, TaskListener.EVENTNAME_COMPLETE,
      TaskListener.EVENTNAME_DELETE);

  private final TaskLinkListener listener;

  public TaskLinkEnginePlugin(TaskLinkListener listener) {
    this.listener = listener;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = new ArrayList<>();
    if (configuration.getCustomPostBPMNParseListeners() != null) {
      listeners.addAll(configuration.getCustomPostBPMNParseListeners());
    }
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        EVENTS.forEach(event -> definition.addBuiltInTaskListener(event, listener));
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
