// npm run lint: ESLint then Prettier over the whole project, zero warnings.
// `npm run lint -- --fix` fixes what ESLint can and formats every file with Prettier.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const fix = process.argv.includes('--fix');
const bin = (name) => join('node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(bin(cmd), args, { stdio: 'inherit' }).status ?? 1;
const eslint = run('eslint', ['--max-warnings', '0', ...(fix ? ['--fix'] : []), '.']);
const prettier = run('prettier', [fix ? '--write' : '--check', '--log-level', 'warn', '.']);
process.exit(eslint || prettier);
