import type { Command } from 'commander';
import { inventoryCollector } from '../../inventory/inventory-collector.js';
import type { CliIo } from '@ward/cli-kit';
import { currentPlatform, pathsOf } from '../global-options.js';

/** `ward-agent collect`: prints the inventory the agent would report, as JSON. */
export function collectCommand(program: Command, io: CliIo): void {
  program
    .command('collect')
    .description('Collect the inventory (facts, raw inventory, installed software) and print it as JSON, without sending anything.')
    .action(async (_options: unknown, command: Command) => {
      const paths = pathsOf(command);
      const collect = inventoryCollector(paths.root, currentPlatform());
      io.stdout.write(`${JSON.stringify(await collect(), null, 2)}\n`);
    });
}
