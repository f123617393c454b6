/** The path prefix of the admin API; `Location` headers and the OpenAPI paths start with it. */
export const apiPrefix = '/api/v1';
