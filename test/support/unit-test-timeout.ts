// A hang guard, not a measurement: jest's 5 s default fails unit tests whose first call loads
// @kubernetes/client-node through babel, which on a clean CI runner (no transform cache, two
// shared cores) took longer than that. testTimeout is global-only, so the unit project sets it here.
jest.setTimeout(60_000);
