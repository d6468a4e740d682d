import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';
import { cleanup, configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default, which a loaded two-core machine overruns; this bounds a
// wait for something that never appears, it checks no speed
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => cleanup());
