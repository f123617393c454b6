import { Option } from 'commander';
import { agentPlatforms } from '../../config/agent-platform.js';

/** `--platform`: which OS a service plan is for; other than the running one only with `--print`. */
export function platformOption(): Option {
  return new Option('--platform <platform>', 'the OS to plan for (default: this one); another OS only with --print').choices(agentPlatforms);
}
