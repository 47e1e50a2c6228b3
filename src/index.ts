import { run } from './fronts/action/main';

void run();
