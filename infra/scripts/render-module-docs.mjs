#!/usr/bin/env node
// Renders the inputs and outputs tables of infra/modules/<module>/README.md from variables.tf and
// outputs.tf, so the README cannot drift from the code (no terraform-docs binary is needed).
//
//   node infra/scripts/render-module-docs.mjs           rewrite the tables
//   node infra/scripts/render-module-docs.mjs --check   exit 1 when the README is out of date
//
// It understands the subset of HCL the module uses: top-level `variable` / `output` blocks whose
// description is a one-line string, and `type` / `default` values that may span lines.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const moduleDirectory = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'modules',
  'logferry-pipeline',
);
const readmePath = join(moduleDirectory, 'README.md');

/** Counts bracket depth change of one line, ignoring brackets inside strings and comments. */
function measureBracketDelta(line) {
  let delta = 0;
  let inString = false;
  for (let index = 0; index < line.length; index += 1) {
    const character = line[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '#') break;
    else if ('{[('.includes(character)) delta += 1;
    else if ('}])'.includes(character)) delta -= 1;
  }
  return delta;
}

/** Joins a multi-line HCL value into one line, dropping comment lines. */
function collapseValue(lines) {
  const parts = lines
    .map((line) => line.trim().replace(/\s{2,}/g, ' '))
    .filter((line) => line && !line.startsWith('#'));
  let collapsed = '';
  for (const part of parts) {
    if (collapsed === '') collapsed = part;
    else if (/[{[(]$/.test(collapsed) || /^[}\])]/.test(part)) collapsed += ` ${part}`;
    else collapsed += `, ${part}`;
  }
  return collapsed;
}

/** Parses the top-level blocks of one kind (`variable` or `output`) into attribute maps. */
function parseBlocks(source, kind) {
  const lines = source.split('\n');
  const blocks = [];
  const header = new RegExp(`^${kind} "([A-Za-z0-9_-]+)" \\{$`);
  for (let index = 0; index < lines.length; index += 1) {
    const match = header.exec(lines[index]);
    if (!match) continue;
    const attributes = {};
    let depth = 1;
    index += 1;
    while (depth > 0 && index < lines.length) {
      const line = lines[index];
      const attribute = depth === 1 ? /^ {2}([a-z_]+)\s*=\s*(.*)$/.exec(line) : null;
      if (attribute) {
        const valueLines = [attribute[2]];
        let valueDepth = measureBracketDelta(attribute[2]);
        while (valueDepth > 0) {
          index += 1;
          valueLines.push(lines[index]);
          valueDepth += measureBracketDelta(lines[index]);
        }
        attributes[attribute[1]] = collapseValue(valueLines);
      } else {
        depth += measureBracketDelta(line);
      }
      index += 1;
    }
    blocks.push({ name: match[1], attributes });
  }
  return blocks;
}

function escapeCell(text) {
  return text.replaceAll('|', '\\|');
}

function decodeDescription(value, blockName) {
  if (value === undefined) {
    throw new Error(`"${blockName}" has no description; every input and output must have one.`);
  }
  return JSON.parse(value);
}

/** Renders a Markdown table with padded columns, the layout Biome's formatter keeps. */
function renderTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(3, title.length, ...rows.map((row) => row[column].length)),
  );
  const renderRow = (cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    renderRow(header),
    renderRow(widths.map((width) => '-'.repeat(width))),
    ...rows.map(renderRow),
  ].join('\n');
}

function renderInputs(variables) {
  const rows = variables.map(({ name, attributes }) => {
    const description = decodeDescription(attributes.description, name);
    const defaultValue =
      attributes.default === undefined ? 'required' : `\`${attributes.default}\``;
    const sensitive = attributes.sensitive === 'true' ? ' (sensitive)' : '';
    return [
      `\`${name}\``,
      escapeCell(`${description}${sensitive}`),
      `\`${escapeCell(attributes.type)}\``,
      escapeCell(defaultValue),
    ];
  });
  return renderTable(['Name', 'Description', 'Type', 'Default'], rows);
}

function renderOutputs(outputs) {
  const rows = outputs.map(({ name, attributes }) => [
    `\`${name}\``,
    escapeCell(decodeDescription(attributes.description, name)),
  ]);
  return renderTable(['Name', 'Description'], rows);
}

function replaceBetweenMarkers(text, marker, content) {
  const begin = `<!-- BEGIN_${marker} -->`;
  const end = `<!-- END_${marker} -->`;
  const start = text.indexOf(begin);
  const stop = text.indexOf(end);
  if (start === -1 || stop === -1 || stop < start) {
    throw new Error(`README.md must contain ${begin} followed by ${end}.`);
  }
  return `${text.slice(0, start + begin.length)}\n${content}\n${text.slice(stop)}`;
}

const variables = parseBlocks(
  readFileSync(join(moduleDirectory, 'variables.tf'), 'utf8'),
  'variable',
);
const outputs = parseBlocks(readFileSync(join(moduleDirectory, 'outputs.tf'), 'utf8'), 'output');
const readme = readFileSync(readmePath, 'utf8');
const rendered = replaceBetweenMarkers(
  replaceBetweenMarkers(readme, 'INPUTS', renderInputs(variables)),
  'OUTPUTS',
  renderOutputs(outputs),
);

if (process.argv.includes('--check')) {
  if (rendered !== readme) {
    console.error(
      'infra/modules/logferry-pipeline/README.md is out of date: run node infra/scripts/render-module-docs.mjs',
    );
    process.exit(1);
  }
  console.log(
    `README tables are up to date (${variables.length} inputs, ${outputs.length} outputs).`,
  );
} else {
  writeFileSync(readmePath, rendered);
  console.log(
    `Rendered ${variables.length} inputs and ${outputs.length} outputs into ${readmePath}`,
  );
}
