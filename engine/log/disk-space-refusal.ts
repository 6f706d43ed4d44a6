/**
 * What the engine says while its data folder is short of free space (issue 13, Zeebe's disk watermark): the
 * refusal of a command and the service log's lines when the watermark is crossed. Zeebe answers
 * `RESOURCE_EXHAUSTED: Cannot accept requests for partition 1. Broker is out of disk space`; OneGo starts with
 * the same sentence (clients that match on it keep working) and adds the numbers, the setting and the way
 * back, in Chinese and English.
 */
import { EngineRejection } from '../api';
import { formatBytes, type DiskSpaceStatus } from './disk-space-monitor';

function freeText(status: DiskSpaceStatus): string {
  return status.freeBytes === undefined ? 'unknown' : formatBytes(status.freeBytes);
}

/** The refusal of every command while less than the watermark is free: RESOURCE_EXHAUSTED (REST 503). */
export function outOfDiskSpace(status: DiskSpaceStatus): EngineRejection {
  return new EngineRejection(
    'RESOURCE_EXHAUSTED',
    `数据盘剩余空间不足（剩余 ${freeText(status)}，至少需要 ${formatBytes(status.thresholdBytes)}），引擎暂停接收命令，查询照常；释放空间后自动恢复 / ` +
      `Cannot accept requests for partition 1. Broker is out of disk space: ${freeText(status)} free under ${status.path}, ` +
      `at least ${formatBytes(status.thresholdBytes)} required (ONEGO_DISK_FREE_PROCESSING, --disk-free-processing); ` +
      'reads go on, and commands are taken again as soon as the space is freed',
  );
}

/** The service log's line when the free space crosses the watermark, either way. */
export function diskSpaceChangeLine(status: DiskSpaceStatus): string {
  if (!status.available) {
    return (
      `数据盘剩余空间不足，暂停接收命令 / out of disk space, commands are refused until space is freed: ` +
      `${freeText(status)} free under ${status.path}, watermark ${formatBytes(status.thresholdBytes)}`
    );
  }
  return `数据盘空间已恢复，重新接收命令 / disk space is back, commands are taken again: ${freeText(status)} free under ${status.path}`;
}
