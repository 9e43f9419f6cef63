/** Test helper: the top-level keys a zod schema accepts (objects, unions of objects, wrappers). */
import { z } from 'zod'

/** The keys of every object the schema may be; empty for non-object schemas. */
export function schemaKeys(schema: z.ZodType): Set<string> {
  if (schema instanceof z.ZodObject) return new Set(Object.keys(schema.shape))
  if (schema instanceof z.ZodUnion) {
    return new Set((schema.options as z.ZodType[]).flatMap((option) => [...schemaKeys(option)]))
  }
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) {
    return schemaKeys(schema.unwrap() as z.ZodType)
  }
  return new Set()
}
