/**
 * One way to read arguments in every CLI (commander): `--help` prints the usage and exits 0; a bad
 * option prints commander's message and exits 2, like the validation errors each CLI adds.
 */
import { Command, CommanderError } from 'commander';

export function cli(name: string, description: string): Command {
  const program = new Command(name)
    .description(description)
    .helpOption('-h, --help', 'show this help')
    // One line on stderr, prefixed like the CLIs' own errors, so scripts can grep them.
    .configureOutput({ outputError: (text, write) => write(`${name}: ${text.trim().replace(/^error: /, '')} (see --help)\n`) })
    .exitOverride();
  return program;
}

/** Parses argv; exits 0 after --help, 2 on a usage error. */
export function parseCli(program: Command, argv = process.argv): Command {
  try {
    program.parse(argv);
  } catch (e) {
    if (e instanceof CommanderError) process.exit(e.exitCode === 0 ? 0 : 2);
    throw e;
  }
  return program;
}

export function dieWith(name: string): (message: string) => never {
  return (message: string) => {
    console.error(`${name}: ${message}`);
    process.exit(2);
  };
}
