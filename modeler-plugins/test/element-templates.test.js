// Validates every element template against Camunda's published JSON schema for Camunda 7 templates.
const { test } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const Ajv = require('ajv');
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');

const dir = path.join(__dirname, '..', 'element-templates');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];

for (const file of files) {
  test(`element template schema: ${file}`, () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    const templates = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    const valid = validate(templates);
    assert.ok(valid, JSON.stringify(validate.errors, null, 2));
    for (const template of [].concat(templates)) {
      assert.match(template.id, /^org\.switchboard\./, 'template ids are reverse-DNS under org.switchboard');
      assert.ok(Number.isInteger(template.version), `${template.id} has a version`);
    }
  });
}
