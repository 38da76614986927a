package org.switchboard.caseapi.cases;

public enum RiskLevel {
  LOW, MEDIUM, HIGH, CRITICAL
}
