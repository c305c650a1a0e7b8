/** The development identity provider (the stand-in for Entra ID): token signing, verification, endpoint. */
export * from './token';
export * from './token-endpoint';
