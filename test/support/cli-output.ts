/**
 * For CLI tests: before each test, sets the environment the CLI reads and captures what it prints; after each,
 * restores both. The returned arrays are emptied before every test, so tests can keep the references.
 */
export function captureCliRuns(env: Record<string, string>): { errors: string[]; logs: string[] } {
  const saved = { ...process.env };
  const output = { errors: [] as string[], logs: [] as string[] };
  beforeEach(() => {
    Object.assign(process.env, env);
    output.errors.length = 0;
    output.logs.length = 0;
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void output.errors.push(args.join(' ')));
    jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void output.logs.push(args.join(' ')));
  });
  afterEach(() => {
    process.env = { ...saved };
    jest.restoreAllMocks();
  });
  return output;
}
