/**
 * `npm run --silent admin -- <command>`: what an administrator does on the server machine itself.
 *
 *   create-admin --username NAME --full-name "…" [--title …] [--unit …] [--site …]
 *   reset-password --username NAME          (the user must change it at the next sign-in)
 *
 * The password is read from standard input (one line; typed without echo on a terminal), never
 * from the command line, where `ps` and the shell history would keep it. Honours PHONGHOP_DATA and
 * PHONGHOP_DATABASE_URL (or --data, --database-url) like the server, creates and migrates an
 * empty database, and runs beside a running server. Exit 0 with one line on success, 2 with the
 * reason on standard error otherwise.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  newUsernameSchema,
  passwordProblems,
  passwordProblemText,
} from '../../../common/domain/account';
import { openDatabase } from '../db/database';
import { createAdministrator, resetPasswordByUsername } from '../accounts/administrators';

class UsageError extends Error {}

const USAGE = `Cách dùng / usage:
  npm run --silent admin -- create-admin --username NAME --full-name "Họ và tên" [--title "Chức vụ"] [--unit "Đơn vị"] [--site "Điểm cầu"]
  npm run --silent admin -- reset-password --username NAME
  (mật khẩu đọc từ một dòng nhập vào / the password is read from one line of standard input)
  [--data DIR] [--database-url postgres://…]   (or PHONGHOP_DATA, PHONGHOP_DATABASE_URL)`;

async function readPasswordLine(): Promise<string> {
  const tty = process.stdin.isTTY;
  if (tty) {
    process.stderr.write('Mật khẩu / password: ');
    spawnSync('stty', ['-echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
  }
  try {
    const lines = createInterface({ input: process.stdin, terminal: false });
    for await (const line of lines) {
      lines.close();
      return line.replace(/\r$/, '');
    }
    return '';
  } finally {
    if (tty) {
      spawnSync('stty', ['echo'], { stdio: ['inherit', 'ignore', 'ignore'] });
      process.stderr.write('\n');
    }
  }
}

function requirePolicy(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length > 0)
    throw new UsageError(
      problems.map((p) => `${passwordProblemText[p].vi} / ${passwordProblemText[p].en}`).join('\n'),
    );
}

async function main(argv: string[]): Promise<string> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: 'string' },
      'full-name': { type: 'string' },
      title: { type: 'string' },
      unit: { type: 'string' },
      site: { type: 'string' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
    },
    strict: true,
  });
  const dataDir = path.resolve(values.data ?? process.env.PHONGHOP_DATA ?? 'data');
  const databaseUrl = values['database-url'] ?? process.env.PHONGHOP_DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new UsageError('PHONGHOP_DATABASE_URL must start with postgres://');
  const username = newUsernameSchema.safeParse(values.username ?? '');
  if (!username.success)
    throw new UsageError(`--username: ${username.error.issues[0]?.message ?? 'invalid'}`);

  switch (command) {
    case 'create-admin': {
      const fullName = z
        .string()
        .trim()
        .min(2)
        .max(200)
        .safeParse(values['full-name'] ?? '');
      if (!fullName.success) throw new UsageError('--full-name "Họ và tên" is required');
      const password = await readPasswordLine();
      requirePolicy(password, username.data);
      const opened = await openDatabase(dataDir, databaseUrl);
      try {
        const created = await createAdministrator(opened.db, {
          username: username.data,
          fullName: fullName.data,
          title: values.title?.trim() || 'Quản trị hệ thống',
          unitName: values.unit?.trim() || 'Văn phòng UBND tỉnh',
          siteName: values.site?.trim() || undefined,
          password,
        });
        return `Đã tạo quản trị viên ${created.username} (${created.fullName}) — administrator created.`;
      } finally {
        await opened.close();
      }
    }
    case 'reset-password': {
      const password = await readPasswordLine();
      requirePolicy(password, username.data);
      const opened = await openDatabase(dataDir, databaseUrl);
      try {
        await resetPasswordByUsername(opened.db, username.data, password);
        return `Đã đặt lại mật khẩu của ${username.data}; phải đổi khi đăng nhập — password reset, to be changed at sign-in.`;
      } finally {
        await opened.close();
      }
    }
    default:
      throw new UsageError(command ? `Unknown command ${command}` : 'A command is required');
  }
}

main(process.argv.slice(2)).then(
  (line) => {
    process.stdout.write(line + '\n');
    process.exit(0);
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`Lỗi / error: ${message}\n`);
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    )
      process.stderr.write(USAGE + '\n');
    process.exit(2);
  },
);
