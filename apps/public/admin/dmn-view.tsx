/**
 * A deployed DMN resource, read-only: each decision with the decisions it requires, its decision table
 * (hit policy, inputs and outputs as columns, one row per rule, with the rule's description) as an Ant Design
 * table, or its literal expression, under the resource's decision requirements drawing (dmn-js, dmn-drawing.tsx).
 * The tables are read with dmn-moddle (bpmn.io's DMN model, which the engine parses with as well) and shown as
 * Ant Design tables, so they follow the apps' language, phone layout and keyboard use.
 */
import { useEffect, useState } from 'react';
import { DmnModdle, type DmnNode } from 'dmn-moddle';
import { Alert, Space, Spin, Table, Tag, Typography } from 'antd';
import { useText } from '../shared/ui/locale';
import { DmnDrawing } from './dmn-drawing';

/** DMN 1.1, 1.2 and 1.4/1.5 namespaces read as DMN 1.3, the one dmn-moddle knows (as the engine does). */
const OTHER_DMN_NAMESPACES = [
  'http://www.omg.org/spec/DMN/20151101/dmn.xsd',
  'http://www.omg.org/spec/DMN/20180521/MODEL/',
  'https://www.omg.org/spec/DMN/20211108/MODEL/',
  'https://www.omg.org/spec/DMN/20230324/MODEL/',
];
const DMN_13 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';

const list = (value: unknown): DmnNode[] => (Array.isArray(value) ? (value as DmnNode[]) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const textOf = (node: unknown): string => str((node as DmnNode | undefined)?.text).trim();

/** One decision table as rows and columns. */
function DecisionTable({ decisionId, table }: { decisionId: string; table: DmnNode }) {
  const t = useText();
  const inputs = list(table.input);
  const outputs = list(table.output);
  const rules = list(table.rule);
  const columns = [
    { title: '#', key: 'index', width: 48, render: (_: unknown, _row: DmnNode, index: number) => index + 1 },
    ...inputs.map((input, i) => ({
      title: (
        <span className="dmn-input">
          {str(input.label) || textOf(input.inputExpression)}
          <Typography.Text type="secondary" className="dmn-expression">
            {' '}
            {textOf(input.inputExpression)}
          </Typography.Text>
        </span>
      ),
      key: `in-${i}`,
      render: (_: unknown, rule: DmnNode) => <code>{textOf(list(rule.inputEntry)[i]) || '-'}</code>,
    })),
    ...outputs.map((output, i) => ({
      title: <span className="dmn-output">{str(output.label) || str(output.name)}</span>,
      key: `out-${i}`,
      render: (_: unknown, rule: DmnNode) => <code>{textOf(list(rule.outputEntry)[i])}</code>,
    })),
    { title: t('说明', 'Description'), key: 'description', render: (_: unknown, rule: DmnNode) => str(rule.description) },
  ];
  return (
    <Table
      className="dmn-table"
      data-decision={decisionId}
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      rowKey={(rule) => str(rule.id)}
      dataSource={rules}
      columns={columns}
      title={() => (
        <Space>
          <Tag color="blue">{t('命中策略', 'Hit policy')} {str(table.hitPolicy) || 'UNIQUE'}</Tag>
          <span>{t(`${rules.length} 条规则`, `${rules.length} rules`)}</span>
        </Space>
      )}
    />
  );
}

/** Props of {@link DmnView}. */
export interface DmnViewProps {
  xml: string;
  /** The decision to put first (the one whose version was opened). */
  focus?: string;
}

/** Every decision of a DMN resource. */
export function DmnView({ xml, focus }: DmnViewProps) {
  const t = useText();
  const [read, setRead] = useState<{ decisions?: DmnNode[]; error?: string }>({});
  let normalized = xml;
  for (const namespace of OTHER_DMN_NAMESPACES) normalized = normalized.split(`"${namespace}"`).join(`"${DMN_13}"`);
  useEffect(() => {
    let live = true;
    DmnModdle()
      .fromXML(normalized)
      .then(({ rootElement }) => live && setRead({ decisions: list(rootElement.drgElement).filter((element) => element.$type === 'dmn:Decision') }))
      .catch((failure: unknown) => live && setRead({ error: failure instanceof Error ? failure.message : String(failure) }));
    return () => {
      live = false;
    };
  }, [normalized]);
  if (read.error) return <Alert type="error" showIcon title={t(`决策无法显示：${read.error}`, `The decision cannot be shown: ${read.error}`)} />;
  if (!read.decisions) return <Spin />;
  const names = new Map(read.decisions.map((decision) => [str(decision.id), str(decision.name) || str(decision.id)]));
  const ordered = [...read.decisions].sort((a, b) => Number(b.id === focus) - Number(a.id === focus));
  return (
    <div className="dmn-view">
      <DmnDrawing xml={normalized} focus={focus} />
      {ordered.map((decision) => {
        const id = str(decision.id);
        const logic = decision.decisionLogic as DmnNode | undefined;
        const required = list(decision.informationRequirement)
          .map((requirement) => str((requirement.requiredDecision as DmnNode | undefined)?.href).replace(/^#/, ''))
          .filter(Boolean);
        return (
          <section key={id} className="dmn-decision" data-decision={id}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {str(decision.name) || id} <Typography.Text type="secondary">{id}</Typography.Text>
            </Typography.Title>
            {required.length > 0 && (
              <p className="dmn-requires">
                {t('依赖决策：', 'Requires: ')}
                {required.map((other) => (
                  <Tag key={other}>{names.get(other) ?? other}</Tag>
                ))}
              </p>
            )}
            {logic?.$type === 'dmn:DecisionTable' ? (
              <DecisionTable decisionId={id} table={logic} />
            ) : (
              <pre className="dmn-literal">{textOf(logic) || t('（无决策逻辑）', '(no decision logic)')}</pre>
            )}
          </section>
        );
      })}
    </div>
  );
}
