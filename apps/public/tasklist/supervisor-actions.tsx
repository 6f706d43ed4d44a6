/**
 * 督办 actions on one task, for supervisors of its department: 转派 (reassign to someone of the department —
 * the engine refuses anyone else) and 调整到期时间 (a new step due date with a required reason, which the
 * case history shows).
 */
import { useEffect, useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ErrorAlert } from '../shared/ui/error-alert';
import { useText } from '../shared/ui/locale';
import { assigneesOf, changeDueDate, reassign, type Assignee } from './case-api';
import type { TaskItem } from './tasks-api';

/** The two buttons and their dialogs; `onDone` reloads the page. */
export function SupervisorActions({ task, onDone }: { task: TaskItem; onDone(): Promise<void> | void }) {
  const t = useText();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'reassign' | 'due' | undefined>();
  const [people, setPeople] = useState<Assignee[]>([]);
  const [assignee, setAssignee] = useState<string>();
  const [due, setDue] = useState<Dayjs | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    if (dialog !== 'reassign') return;
    assigneesOf(task.userTaskKey).then(setPeople, setError);
  }, [dialog, task.userTaskKey]);

  const close = () => {
    setDialog(undefined);
    setError(undefined);
    setReason('');
    setAssignee(undefined);
  };
  const run = async (action: () => Promise<void>, done: string) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      void message.success(done);
      close();
      await onDone();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Space wrap>
        <Button id="reassign" onClick={() => setDialog('reassign')}>
          {t('转派', 'Reassign')}
        </Button>
        <Button
          id="change-due"
          onClick={() => {
            setDue(task.dueDate ? dayjs(task.dueDate) : null);
            setDialog('due');
          }}
        >
          {t('调整到期时间', 'Change due date')}
        </Button>
      </Space>
      <Modal
        open={dialog === 'reassign'}
        title={t(`转派「${task.name}」`, `Reassign "${task.name}"`)}
        okText={t('转派', 'Reassign')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ disabled: !assignee, loading: busy, id: 'reassign-ok' }}
        onOk={() => void run(() => reassign(task.userTaskKey, assignee!), t('已转派', 'Reassigned'))}
        onCancel={close}
        destroyOnHidden
      >
        <p>{t('只能转派给本部门人员。', 'Only to someone of the department.')}</p>
        <Select
          id="reassign-to"
          style={{ width: '100%' }}
          value={assignee}
          onChange={setAssignee}
          placeholder={t('选择办理人', 'Choose a person')}
          aria-label={t('办理人', 'Assignee')}
          options={people.map((person) => ({
            value: person.username,
            label: `${person.name}（${person.departments.filter((name) => !name.endsWith('督办')).join('、')}${person.supervisor ? t('，督办', ', supervisor') : ''}）${person.username === task.assignee ? t(' — 当前办理人', ' — current') : ''}`,
            disabled: person.username === task.assignee,
          }))}
        />
        <ErrorAlert error={error} />
      </Modal>
      <Modal
        open={dialog === 'due'}
        title={t(`调整「${task.name}」的到期时间`, `Change the due date of "${task.name}"`)}
        okText={t('确认调整', 'Change')}
        cancelText={t('取消', 'Cancel')}
        okButtonProps={{ disabled: !due || !reason.trim(), loading: busy, id: 'change-due-ok' }}
        onOk={() => void run(() => changeDueDate(task.processInstanceKey, task.userTaskKey, due!.toISOString(), reason.trim()), t('到期时间已调整', 'Due date changed'))}
        onCancel={close}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item label={t('新的环节到期时间', 'New step due date')} required htmlFor="due-date">
            <DatePicker id="due-date" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={due} onChange={setDue} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item label={t('调整理由（将记入办理经过）', 'Reason (kept in the case history)')} required htmlFor="due-reason">
            <Input.TextArea id="due-reason" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
          </Form.Item>
        </Form>
        <p style={{ color: '#8c8c8c', fontSize: 12 }}>{t('环节到期时间是本部门的督办期限；案件的法定时限（亮灯）不因此改变。', "The step due date is the department's own target; the case's statutory deadline (the light) does not change.")}</p>
        <ErrorAlert error={error} />
      </Modal>
    </>
  );
}
