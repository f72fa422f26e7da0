/**
 * Metadata member names registered for OpenID Providers and OAuth authorization servers (OIDC
 * Discovery §3, RFC 8414 §2 and the IANA "OAuth Authorization Server Metadata" registry), for
 * the lint of unknown members and the type checks of the optional ones.
 */

export const REGISTERED_METADATA = new Set([
  // OIDC Discovery 1.0 §3
  'issuer',
  'authorization_endpoint',
  'token_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
  'registration_endpoint',
  'scopes_supported',
  'response_types_supported',
  'response_modes_supported',
  'grant_types_supported',
  'acr_values_supported',
  'subject_types_supported',
  'id_token_signing_alg_values_supported',
  'id_token_encryption_alg_values_supported',
  'id_token_encryption_enc_values_supported',
  'userinfo_signing_alg_values_supported',
  'userinfo_encryption_alg_values_supported',
  'userinfo_encryption_enc_values_supported',
  'request_object_signing_alg_values_supported',
  'request_object_encryption_alg_values_supported',
  'request_object_encryption_enc_values_supported',
  'token_endpoint_auth_methods_supported',
  'token_endpoint_auth_signing_alg_values_supported',
  'display_values_supported',
  'claim_types_supported',
  'claims_supported',
  'service_documentation',
  'claims_locales_supported',
  'ui_locales_supported',
  'claims_parameter_supported',
  'request_parameter_supported',
  'request_uri_parameter_supported',
  'require_request_uri_registration',
  'op_policy_uri',
  'op_tos_uri',
  // RFC 8414 §2
  'revocation_endpoint',
  'revocation_endpoint_auth_methods_supported',
  'revocation_endpoint_auth_signing_alg_values_supported',
  'introspection_endpoint',
  'introspection_endpoint_auth_methods_supported',
  'introspection_endpoint_auth_signing_alg_values_supported',
  'code_challenge_methods_supported',
  'signed_metadata',
  // Session management, RP-initiated, front- and back-channel logout
  'check_session_iframe',
  'end_session_endpoint',
  'frontchannel_logout_supported',
  'frontchannel_logout_session_supported',
  'backchannel_logout_supported',
  'backchannel_logout_session_supported',
  // Other registered specifications
  'device_authorization_endpoint', // RFC 8628
  'tls_client_certificate_bound_access_tokens', // RFC 8705
  'mtls_endpoint_aliases', // RFC 8705
  'require_signed_request_object', // RFC 9101
  'pushed_authorization_request_endpoint', // RFC 9126
  'require_pushed_authorization_requests', // RFC 9126
  'authorization_response_iss_parameter_supported', // RFC 9207
  'authorization_details_types_supported', // RFC 9396
  'dpop_signing_alg_values_supported', // RFC 9449
  'introspection_signing_alg_values_supported', // RFC 9701
  'introspection_encryption_alg_values_supported',
  'introspection_encryption_enc_values_supported',
  'authorization_signing_alg_values_supported', // JARM
  'authorization_encryption_alg_values_supported',
  'authorization_encryption_enc_values_supported',
  'backchannel_authentication_endpoint', // CIBA
  'backchannel_token_delivery_modes_supported',
  'backchannel_authentication_request_signing_alg_values_supported',
  'backchannel_user_code_parameter_supported',
  'prompt_values_supported', // OIDC Prompt Create
  'grant_management_actions_supported', // FAPI Grant Management
  'grant_management_endpoint',
  'grant_management_action_required',
  'verified_claims_supported', // OIDC for Identity Assurance
  'trust_frameworks_supported',
  'evidence_supported',
  'documents_supported',
  'documents_methods_supported',
  'documents_validation_methods_supported',
  'documents_verification_methods_supported',
  'electronic_records_supported',
  'claims_in_verified_claims_supported',
  'attachments_supported',
  'digest_algorithms_supported',
  'client_registration_types_supported', // OpenID Federation
  'federation_registration_endpoint',
  'request_authentication_methods_supported',
  'request_authentication_signing_alg_values_supported',
  'organization_name',
  'client_id_metadata_document_supported',
  'native_sso_supported',
  'authorization_challenge_endpoint',
  'protected_resources',
])

/** Members whose value is a boolean. */
export const BOOLEAN_METADATA = [
  'claims_parameter_supported',
  'request_parameter_supported',
  'request_uri_parameter_supported',
  'require_request_uri_registration',
  'frontchannel_logout_supported',
  'frontchannel_logout_session_supported',
  'backchannel_logout_supported',
  'backchannel_logout_session_supported',
  'tls_client_certificate_bound_access_tokens',
  'require_signed_request_object',
  'require_pushed_authorization_requests',
  'authorization_response_iss_parameter_supported',
  'backchannel_user_code_parameter_supported',
  'client_id_metadata_document_supported',
]
