/** The first SIGTERM or SIGINT; the handlers go once it came (a second signal kills as usual). */
export function untilSignalled(): { readonly received: Promise<NodeJS.Signals>; cancel(): void } {
  let handler: (signal: NodeJS.Signals) => void = () => undefined;
  const cancel = (): void => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
  const received = new Promise<NodeJS.Signals>(resolve => {
    handler = (signal: NodeJS.Signals): void => {
      cancel();
      resolve(signal);
    };
  });
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return { received, cancel };
}
