-- AlterEnum
-- A person who joined but was never marked when the roll call ended is 待核验, never 已到.
-- Adding an enum value inside a transaction is allowed (PostgreSQL 12+), as long as the same
-- transaction does not use it.
ALTER TYPE "AttendanceStatus" ADD VALUE 'unverified';
