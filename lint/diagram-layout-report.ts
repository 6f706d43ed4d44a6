/**
 * Prints the diagram layout check for the given BPMN files and exits 1 when any finding is left, so a
 * designer can check a diagram saved from Camunda Modeler before committing it:
 * `npx tsx lint/diagram-layout-report.ts bpmn/talent-card.bpmn`.
 */
import { checkDiagramLayoutFile } from './diagram-layout';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('用法 Usage: npx tsx lint/diagram-layout-report.ts <file.bpmn>...');
  process.exit(2);
}
let total = 0;
for (const file of files) {
  const { findings, planes } = await checkDiagramLayoutFile(file);
  console.log(`${file}: ${planes.map((plane) => `${plane.plane} ${plane.width}×${plane.height} px`).join(', ')}; ${findings.length} 项问题 findings`);
  for (const finding of findings) console.log(`  [${finding.rule}] ${finding.elements.join(', ')}: ${finding.message}`);
  total += findings.length;
}
process.exit(total > 0 ? 1 : 0);
