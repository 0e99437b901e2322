// Loaded first, as a classic script, by every cross-browser page: keeps the page's console
// errors, uncaught errors and rejections, and CSP violations where each driver can read them.
// (Classic WebDriver, which drives WebKit, has no console events of its own.)
(() => {
  const recorded = { consoleErrors: [], cspViolations: [] };
  window.recordedProblems = recorded;
  const consoleError = console.error.bind(console);
  console.error = (...args) => {
    recorded.consoleErrors.push(args.map(String).join(' '));
    consoleError(...args);
  };
  window.addEventListener('error', (event) => recorded.consoleErrors.push(`uncaught: ${event.message}`));
  window.addEventListener('unhandledrejection', (event) =>
    recorded.consoleErrors.push(`unhandled rejection: ${event.reason?.message ?? event.reason}`),
  );
  document.addEventListener('securitypolicyviolation', (event) =>
    recorded.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`),
  );
})();
