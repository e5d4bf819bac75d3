/**
 * Where Strata's GraphQL endpoint is: `?api=<url>` (remembered for the tab), else
 * VITE_STRATA_URL at build time, else a Strata started with `npm start` on this machine.
 */
export function strataUrl(): string {
  const given = new URLSearchParams(window.location.search).get('api');
  if (given) {
    sessionStorage.setItem('strata.api', given);
    return given;
  }
  return (
    sessionStorage.getItem('strata.api') ??
    import.meta.env.VITE_STRATA_URL ??
    'http://localhost:4000/graphql'
  );
}
