import { packPackage } from './packed-package';

/**
 * globalSetup of the package tests: starts `npm pack` (which builds dist, half a minute of
 * one core) when the run starts, so it overlaps the other tests rather than holding up the
 * first package test. The package tests wait for it through packPackage's lock; one of them
 * reports a failure.
 */
export default function packInBackground() {
  const packing = packPackage({ retry: true }).catch(() => {});
  // the run does not end, nor leave npm running, before the pack is done
  return async () => {
    await packing;
  };
}
