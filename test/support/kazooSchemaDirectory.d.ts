export declare const DEFAULT_KAZOO_SCHEMAS_DIR: string;
export declare function configuredKazooSchemaDirectory(): string;
export declare function kazooSchemaDirectory(): string | undefined;
