import '@testing-library/jest-dom/vitest';
import { afterEach, vi } from 'vitest';
import { cleanup } from '@testing-library/react';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

// jsdom has no layout: give the few browser APIs the app touches a harmless stand-in.
if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined;
window.print = () => undefined;
