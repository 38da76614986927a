package org.switchboard.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The risk table as the platform evaluates it (Camunda's decision service with the platform's memoizing
 * FEEL engine, PostgreSQL, history full, so every evaluation is recorded for audit) next to the raw DMN
 * engine evaluating the same parsed table in memory with Camunda's defaults.
 *
 * <p>Usage: {@code bench/run.sh dmn [evaluations] [threads]}.
 */
public final class DmnRiskBenchmark {

  private static final String RESOURCE = "decisions/CaseRiskAssessment.dmn";
  private static final String KEY = "CaseRiskAssessment";

  private DmnRiskBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int evaluations = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;

    DmnEngine raw = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DmnDecision decision;
    try (InputStream in = DmnRiskBenchmark.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      decision = raw.parseDecision(KEY, in);
    }
    LatencyRecorder.measure("warm-up", evaluations, threads, i -> raw.evaluateDecision(decision, facts(i)));
    LatencyRecorder.Result baseline = LatencyRecorder.measure("raw DMN engine, in memory", evaluations, threads,
        i -> raw.evaluateDecision(decision, facts(i)));

    LatencyRecorder.Result ours;
    int engineEvaluations = Math.max(1000, evaluations / 10);
    try (BenchDatabase db = new BenchDatabase("bench_dmn"); HikariDataSource ds = db.dataSource(threads + 2)) {
      ProcessEngine engine = BareCamundaBaseline.engine(ds, "dmn", true);
      try (InputStream in = DmnRiskBenchmark.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        engine.getRepositoryService().createDeployment().addInputStream(RESOURCE, in).deploy();
      }
      LatencyRecorder.measure("warm-up", engineEvaluations / 5, threads,
          i -> engine.getDecisionService().evaluateDecisionByKey(KEY).variables(facts(i)).evaluate());
      ours = LatencyRecorder.measure("platform: decision service, PG, history full", engineEvaluations, threads,
          i -> engine.getDecisionService().evaluateDecisionByKey(KEY).variables(facts(i)).evaluate());
      engine.close();
    }

    System.out.println();
    System.out.println("CaseRiskAssessment evaluations, " + threads + " threads, "
        + Runtime.getRuntime().availableProcessors() + " cores");
    System.out.println(LatencyRecorder.Result.header());
    System.out.println(baseline.row());
    System.out.println(ours.row());
    System.out.printf("ratio (platform / raw) throughput: %.3fx%n", ours.perSecond() / baseline.perSecond());
  }

  private static VariableMap facts(int i) {
    String[] sectors = {"survivor-support", "healthcare", "customer-service", "generic"};
    String[] categories = {"domestic-abuse", "self-harm", "medical", "billing", "complaint", "general"};
    return Variables.fromMap(Map.of(
        "sector", sectors[i % sectors.length],
        "category", categories[i % categories.length],
        "immediateDanger", i % 11 == 0,
        "selfHarmRisk", i % 5 == 0,
        "childAtRisk", i % 13 == 0));
  }
}
