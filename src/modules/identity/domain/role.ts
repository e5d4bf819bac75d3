export const Role = { User: 'USER', Admin: 'ADMIN' } as const;

export type Role = (typeof Role)[keyof typeof Role];

export const isRole = (value: string): value is Role => value === Role.User || value === Role.Admin;
