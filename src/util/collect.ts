/** Reads every page of an SDK listing (the SDK follows `nextLink`) into one array. */
export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of pages) {
    items.push(item);
  }
  return items;
}
