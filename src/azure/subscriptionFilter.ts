/**
 * The setting `asrFailback.selectedSubscriptions` holds "tenantId/subscriptionId" entries; empty means every
 * subscription. Entries without a tenant ("subscriptionId") match that subscription in any tenant.
 */
export function isSubscriptionSelected(
  selected: readonly string[],
  subscription: { readonly tenantId: string; readonly subscriptionId: string },
): boolean {
  if (selected.length === 0) {
    return true;
  }
  const subscriptionId = subscription.subscriptionId.toLowerCase();
  const tenantId = subscription.tenantId.toLowerCase();
  return selected.some((entry) => {
    const parts = entry.toLowerCase().split('/');
    return parts.length === 1 ? parts[0] === subscriptionId : parts[0] === tenantId && parts[1] === subscriptionId;
  });
}

/** The setting entry for a subscription. */
export function subscriptionFilterEntry(subscription: { readonly tenantId: string; readonly subscriptionId: string }): string {
  return `${subscription.tenantId}/${subscription.subscriptionId}`;
}
