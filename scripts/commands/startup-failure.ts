/**
 * One line, in Chinese and English, for each way `onego start`, `engine`, `workers` or `deploy` can fail to
 * start: what went wrong and what to do about it, instead of a stack trace.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { logVerbosity, setLogVerbosity } from '@grpc/grpc-js';
import { DataFolderHeldError } from '../../engine/data-folder-lock';
import { LogIntegrityError } from '../../engine/log/log-integrity';

/** What the command was trying to use when it failed. */
export interface StartupContext {
  grpcPort?: number;
  restPort?: number;
  dataDir?: string;
}

/**
 * Keeps grpc-js from printing its own error lines (e.g. "E No address added out of total 1 resolved") to
 * stderr: a command reports a start-up failure once, in its own words.
 */
export function quietGrpcLogs(): void {
  setLogVerbosity(logVerbosity.NONE);
}

/** Exit codes by cause, so scripts can tell them apart (sysexits-style). */
export const EXIT_CODES = {
  portTaken: 3,
  dataFolder: 4,
  folderHeld: 5,
  corruptDatabase: 6,
  identity: 7,
  other: 1,
} as const;

/** A start-up failure as the user should read it. */
export interface ExplainedFailure {
  line: string;
  exitCode: number;
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The port a bind error names, if it names one (`listen EADDRINUSE: address already in use 127.0.0.1:8080`, grpc's `No address added out of total 1 resolved` names none). */
function portIn(message: string): number | undefined {
  const match = /:(\d{1,5})\b(?!.*:\d)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * Which process listens on a local TCP port, read from /proc (Linux; needs permission to read the other
 * process's file descriptors, which root and the same user have). Undefined when it cannot tell.
 */
export function portHolder(port: number): string | undefined {
  try {
    const inodes = new Set<string>();
    for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
      let text: string;
      try {
        text = readFileSync(table, 'utf8');
      } catch {
        continue;
      }
      for (const row of text.split('\n').slice(1)) {
        const fields = row.trim().split(/\s+/);
        // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; the inode is the tenth field.
        if (fields.length > 9 && fields[3] === '0A' && Number.parseInt(fields[1].split(':')[1] ?? '', 16) === port) inodes.add(fields[9]);
      }
    }
    if (inodes.size === 0) return undefined;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let fds: string[];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        let target: string;
        try {
          target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue;
        }
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) {
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
          return `pid ${pid}: ${command.slice(0, 120)}`;
        }
      }
    }
  } catch {
    // Not Linux, or /proc unreadable: the message says only that the port is taken.
  }
  return undefined;
}

/** Turns an error thrown while starting into one line naming the cause and the fix, and an exit code. */
export function explainStartupFailure(error: unknown, context: StartupContext = {}): ExplainedFailure {
  const message = messageOf(error);
  const code = errnoOf(error);
  const dir = context.dataDir ?? '(data folder)';
  if (error instanceof DataFolderHeldError) return { line: error.message, exitCode: EXIT_CODES.folderHeld };
  // A gap or a damaged tail in the record log: its message already names the position and the fix.
  if (error instanceof LogIntegrityError) return { line: error.message, exitCode: EXIT_CODES.corruptDatabase };
  if (code === 'EADDRINUSE' || /EADDRINUSE|address already in use|No address added/i.test(message)) {
    const named = portIn(message);
    const port = named ?? (/No address added/i.test(message) ? context.grpcPort : context.restPort);
    const holder = port === undefined ? undefined : portHolder(port);
    const which = port === undefined ? '端口' : `端口 ${port} `;
    const whichEn = port === undefined ? 'a port' : `port ${port}`;
    const by = holder ? `（被 ${holder} 占用）` : '';
    const byEn = holder ? ` (held by ${holder})` : '';
    return {
      line: `${which}已被占用${by}；请停止占用它的程序，或用 --grpc-port / --rest-port 换一个端口。 / ${whichEn} is already in use${byEn}; stop that program or choose another port with --grpc-port / --rest-port.`,
      exitCode: EXIT_CODES.portTaken,
    };
  }
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    return {
      line: `数据目录 ${dir} 不是一个目录（路径中有同名文件）；请用 --data 指定一个目录。 / The data folder ${dir} is not a folder (a file stands in its path); choose a folder with --data.`,
      exitCode: EXIT_CODES.dataFolder,
    };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || /readonly database|read-only file system|SQLITE_READONLY|SQLITE_CANTOPEN|unable to open database/i.test(message)) {
    return {
      line: `数据目录 ${dir} 无法写入（权限不足或只读文件系统）；请给当前用户写权限，或用 --data 指定可写目录。 / The data folder ${dir} cannot be written (no permission or a read-only file system); make it writable for this user or choose another folder with --data.`,
      exitCode: EXIT_CODES.dataFolder,
    };
  }
  if (/malformed|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(message)) {
    return {
      line: `数据目录 ${dir} 中的数据库已损坏（${message}）；请从备份恢复，或换一个空目录重新开始。 / A database in ${dir} is corrupt (${message}); restore it from a backup or start over with an empty folder.`,
      exitCode: EXIT_CODES.corruptDatabase,
    };
  }
  if (/identity/i.test(message)) {
    return {
      line: `身份文件有误：${message}；请检查 ONEGO_IDENTITY_FILE 或 --identity 指向的文件（格式见 engine/identity/README.md）。 / The identity file is wrong: ${message}; check the file ONEGO_IDENTITY_FILE or --identity names (format in engine/identity/README.md).`,
      exitCode: EXIT_CODES.identity,
    };
  }
  return { line: `启动失败：${message} / Could not start: ${message}`, exitCode: EXIT_CODES.other };
}
