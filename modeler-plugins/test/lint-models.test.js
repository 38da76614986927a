// Lints every shipped BPMN model (platform processes and sector bundles) with bpmnlint's recommended
// rules plus camunda-compat for Camunda 7.24 — the same check Camunda Modeler shows its users.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const { BpmnModdle } = require('bpmn-moddle');
const camundaModdle = require('camunda-bpmn-moddle/resources/camunda.json');
const { Linter } = require('bpmnlint');
const NodeResolver = require('bpmnlint/lib/resolver/node-resolver');

const repo = path.resolve(__dirname, '..', '..');
const roots = ['process-models/src/main/resources', 'sector-templates/src/main/resources'];

function bpmnFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return bpmnFiles(full);
    return entry.name.endsWith('.bpmn') ? [full] : [];
  });
}

const files = roots.flatMap((root) => bpmnFiles(path.join(repo, root)));
const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '.bpmnlintrc'), 'utf8'));

test('there are models to lint', () => {
  assert.ok(files.length > 0, 'no BPMN files found under ' + roots.join(', '));
});

for (const file of files) {
  test(`bpmnlint: ${path.relative(repo, file)}`, async () => {
    const moddle = new BpmnModdle({ camunda: camundaModdle });
    const { rootElement, warnings } = await moddle.fromXML(fs.readFileSync(file, 'utf8'));
    assert.deepStrictEqual(warnings.map((w) => w.message), [], 'XML import warnings');
    const linter = new Linter({ config, resolver: new NodeResolver() });
    const results = await linter.lint(rootElement);
    const problems = Object.entries(results).flatMap(([rule, reports]) =>
      reports.filter((r) => r.category === 'error' || r.category === 'warn')
        .map((r) => `${r.category} ${rule}: ${r.id || ''} ${r.message}`));
    assert.deepStrictEqual(problems, [], problems.join('\n'));
  });
}
