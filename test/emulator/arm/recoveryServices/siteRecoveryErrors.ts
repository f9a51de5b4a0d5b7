/**
 * Site Recovery's error answers: ARM's `{ error: { code, message } }` with the HTTP status name as the code
 * (`BadRequest`, `NotFound`) and Site Recovery's own error in `error.details[]` (`code`, `message`, `possibleCauses`,
 * `recommendedAction`), as Azure answers them: 400 BadRequest with `SubscriptionIdNotRegisteredWithSrs` in the details
 * (Azure/azure-rest-api-specs#12759), 400 BadRequest with `InvalidChannelIntegrityKeyToken` (Azure/azure-powershell#4893),
 * 404 NotFound with `FabricArmEntityMissing` (hashicorp/terraform-provider-azurerm#11180). The `activityId` and
 * `clientRequestId` those answers also carry are left out.
 */
import { ArmError } from '../errors';

/** Site Recovery's own error, the entry of `error.details`. */
export interface SiteRecoveryErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly possibleCauses: string;
  readonly recommendedAction: string;
}

/** The ARM error for a Site Recovery error: status 400 (`BadRequest`) or 404 (`NotFound`), the detail's message on top. */
export function siteRecoveryError(status: 400 | 404, detail: SiteRecoveryErrorDetail): ArmError {
  return new ArmError(status, status === 404 ? 'NotFound' : 'BadRequest', detail.message, undefined, [{ ...detail }]);
}

/** 404 for a fabric the vault does not have, worded as Site Recovery words it (terraform-provider-azurerm#11180). */
export function fabricNotFound(fabricName: string): ArmError {
  return siteRecoveryError(404, {
    code: 'FabricArmEntityMissing',
    message: `Fabric with name ${fabricName} could not be located.`,
    possibleCauses: 'The fabric might have been unregistered from the Microsoft Azure Site Recovery vault.',
    recommendedAction: 'Retry the operation with a valid site.',
  });
}
