/** Which identity data belongs to: the corporate (managed) account, or anything personal. */
export type Identity = 'corporate' | 'personal';
