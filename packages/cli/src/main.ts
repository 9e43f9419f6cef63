/** Runs the wxmp command line; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  console.log('wxmp', argv.slice(2).join(' '))
  return 0
}
