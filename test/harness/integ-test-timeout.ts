// testTimeout is a global jest option (ignored inside a project), so the integ project sets its
// own timeout here: tests against real control planes wait for controllers.
jest.setTimeout(300_000);
