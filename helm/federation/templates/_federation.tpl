{{- define "federation.brokerCtx" -}}
{{- toJson (dict "component" "federation-broker" "namespace" .Release.Namespace) -}}
{{- end }}

{{- define "federation.consoleCtx" -}}
{{- toJson (dict "component" "admin-console" "namespace" .Release.Namespace) -}}
{{- end }}

{{- define "federation.brokerInternalUrl" -}}
{{- printf "http://%s.%s.svc:%s" (include "patchwork.fullname" (dict "root" . "component" "federation-broker")) .Release.Namespace (include "patchwork.httpPort" .) -}}
{{- end }}

{{- define "federation.databaseSecret" -}}
{{- $db := .Values.broker.database -}}
{{- if $db.existingSecret -}}
{{- $db.existingSecret -}}
{{- else if .Values.broker.cloudNativePG.enabled -}}
{{- printf "%s-app" (include "patchwork.fullname" (dict "root" . "component" "broker-db")) -}}
{{- else -}}
{{- fail "broker.database.existingSecret is required (the Secret with the database user and password)" -}}
{{- end -}}
{{- end }}

{{- define "federation.databaseUrl" -}}
{{- if .Values.broker.cloudNativePG.enabled -}}
{{- printf "jdbc:postgresql://%s-rw.%s.svc:5432/%s" (include "patchwork.fullname" (dict "root" . "component" "broker-db")) .Release.Namespace .Values.broker.cloudNativePG.database -}}
{{- else -}}
{{- required "broker.database.url is required (jdbc:postgresql://host:5432/database)" .Values.broker.database.url -}}
{{- end -}}
{{- end }}

{{- define "federation.brokerSecretItems" -}}
{{- $items := list (dict "secret" (required "broker.keys.existingSecret is required" .Values.broker.keys.existingSecret) "key" .Values.broker.keys.key "path" "broker-keys.json") -}}
{{- if .Values.broker.database.ca.existingSecret -}}
{{- $items = append $items (dict "secret" .Values.broker.database.ca.existingSecret "key" .Values.broker.database.ca.key "path" "database-ca.crt") -}}
{{- end -}}
{{- toJson $items -}}
{{- end }}

{{- define "federation.brokerEnv" -}}
{{- $dir := include "patchwork.secretsDir" . -}}
- name: DB_URL
  value: {{ include "patchwork.jdbcUrl" (dict "url" (include "federation.databaseUrl" .) "caFile" (ternary (printf "%s/database-ca.crt" $dir) "" (not (empty .Values.broker.database.ca.existingSecret)))) | quote }}
- name: DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "federation.databaseSecret" . }}
      key: {{ .Values.broker.database.usernameKey }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "federation.databaseSecret" . }}
      key: {{ .Values.broker.database.passwordKey }}
- name: PATCHWORK_KEYCLOAK_URL
  value: {{ required "oidc.keycloakUrl is required" .Values.oidc.keycloakUrl | quote }}
- name: PATCHWORK_OIDC_CLIENT_ID
  value: {{ .Values.oidc.brokerClientId | quote }}
- name: PATCHWORK_BROKER_KEYS_FILE
  value: {{ printf "%s/broker-keys.json" $dir | quote }}
{{- with .Values.broker.councilIssuers }}
{{- $pairs := list }}
{{- range $council, $issuer := . }}
{{- $pairs = append $pairs (printf "%s=%s" $council $issuer) }}
{{- end }}
# Councils that bring their own OpenID Connect provider: only its tokens speak for the council.
- name: PATCHWORK_BROKER_COUNCIL_ISSUERS
  value: {{ join "," $pairs | quote }}
{{- end }}
{{- if .Values.broker.serviceMonitor.enabled }}
- name: PATCHWORK_OPERATIONS_PUBLIC_ENDPOINTS
  value: "true"
{{- end }}
{{- with .Values.broker.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{- define "federation.consoleEnv" -}}
- name: PATCHWORK_BROKER_URL
  value: {{ include "federation.brokerInternalUrl" . | quote }}
- name: PATCHWORK_OIDC_ISSUER
  value: {{ required "oidc.issuer is required (the federation realm's issuer URL)" .Values.oidc.issuer | quote }}
- name: PATCHWORK_OIDC_CLIENT_ID
  value: {{ .Values.oidc.consoleClientId | quote }}
- name: PATCHWORK_OIDC_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "oidc.consoleClientSecret.existingSecret is required" .Values.oidc.consoleClientSecret.existingSecret }}
      key: {{ .Values.oidc.consoleClientSecret.key }}
{{- if .Values.console.serviceMonitor.enabled }}
- name: PATCHWORK_OPERATIONS_PUBLIC_ENDPOINTS
  value: "true"
{{- end }}
{{- with .Values.console.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
