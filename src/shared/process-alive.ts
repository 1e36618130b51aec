// Whether a process id names a live process on this machine (signal 0 checks without signalling).
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // NOTE: EPERM: it exists, it is only someone else's
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
