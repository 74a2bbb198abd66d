{{- define "node.namespace" -}}
{{- .Values.namespace.name | default .Release.Namespace -}}
{{- end }}

{{/* dict for the shared templates */}}
{{- define "node.ctx" -}}
{{- toJson (dict "component" "tenant-node" "council" .Values.council.id "namespace" (include "node.namespace" .)) -}}
{{- end }}

{{- define "node.databaseSecret" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else if .Values.cloudNativePG.enabled -}}
{{- printf "%s-app" (include "patchwork.fullname" (dict "root" . "component" "db")) -}}
{{- else -}}
{{- fail "database.existingSecret is required (the Secret with the database user and password)" -}}
{{- end -}}
{{- end }}

{{- define "node.databaseUrl" -}}
{{- if .Values.cloudNativePG.enabled -}}
{{- printf "jdbc:postgresql://%s-rw.%s.svc:5432/%s" (include "patchwork.fullname" (dict "root" . "component" "db")) (include "node.namespace" .) .Values.cloudNativePG.database -}}
{{- else -}}
{{- required "database.url is required (jdbc:postgresql://host:5432/database)" .Values.database.url -}}
{{- end -}}
{{- end }}

{{- define "node.publicUrl" -}}
{{- if .Values.publicUrl -}}
{{- .Values.publicUrl -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "https://%s" .Values.ingress.host -}}
{{- end -}}
{{- end }}

{{/* The files the node reads, from the Secrets named in values, under patchwork.secretsDir. */}}
{{- define "node.secretItems" -}}
{{- $items := list
  (dict "secret" (required "keys.council.existingSecret is required" .Values.keys.council.existingSecret) "key" .Values.keys.council.key "path" "council-key.json")
  (dict "secret" (required "keys.node.existingSecret is required" .Values.keys.node.existingSecret) "key" .Values.keys.node.key "path" "node-keys.json")
  (dict "secret" (required "keys.audit.existingSecret is required" .Values.keys.audit.existingSecret) "key" .Values.keys.audit.key "path" "audit-signing-key.pem")
  (dict "secret" (required "keys.matching.existingSecret is required" .Values.keys.matching.existingSecret) "key" .Values.keys.matching.key "path" "matching-key.json")
  (dict "secret" (required "broker.publicKeys.existingSecret is required" .Values.broker.publicKeys.existingSecret) "key" .Values.broker.publicKeys.key "path" "broker-public-keys.json")
-}}
{{- if .Values.database.ca.existingSecret -}}
{{- $items = append $items (dict "secret" .Values.database.ca.existingSecret "key" .Values.database.ca.key "path" "database-ca.crt") -}}
{{- end -}}
{{- toJson $items -}}
{{- end }}

{{- define "node.env" -}}
{{- $dir := include "patchwork.secretsDir" . -}}
- name: PATCHWORK_COUNCIL_ID
  value: {{ required "council.id is required" .Values.council.id | quote }}
- name: PATCHWORK_COUNCIL_NAME
  value: {{ required "council.name is required" .Values.council.name | quote }}
- name: PATCHWORK_BROKER_URL
  value: {{ required "broker.url is required" .Values.broker.url | quote }}
{{- with include "node.publicUrl" . }}
- name: PATCHWORK_PUBLIC_URL
  value: {{ . | quote }}
{{- end }}
- name: PATCHWORK_OIDC_ISSUER
  value: {{ required "oidc.issuer is required (the council's OpenID Connect issuer URL)" .Values.oidc.issuer | quote }}
- name: PATCHWORK_OIDC_CLIENT_ID
  value: {{ .Values.oidc.clientId | quote }}
- name: PATCHWORK_OIDC_CLIENT_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ required "oidc.clientSecret.existingSecret is required" .Values.oidc.clientSecret.existingSecret }}
      key: {{ .Values.oidc.clientSecret.key }}
- name: DB_URL
  value: {{ include "patchwork.jdbcUrl" (dict "url" (include "node.databaseUrl" .) "caFile" (ternary (printf "%s/database-ca.crt" $dir) "" (not (empty .Values.database.ca.existingSecret)))) | quote }}
- name: DB_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "node.databaseSecret" . }}
      key: {{ .Values.database.usernameKey }}
- name: DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "node.databaseSecret" . }}
      key: {{ .Values.database.passwordKey }}
- name: PATCHWORK_COUNCIL_KEY_FILE
  value: {{ printf "%s/council-key.json" $dir | quote }}
- name: PATCHWORK_NODE_KEYS_FILE
  value: {{ printf "%s/node-keys.json" $dir | quote }}
- name: PATCHWORK_AUDIT_SIGNING_KEY_FILE
  value: {{ printf "%s/audit-signing-key.pem" $dir | quote }}
- name: PATCHWORK_FEDERATION_MATCHING_KEY_FILE
  value: {{ printf "%s/matching-key.json" $dir | quote }}
- name: PATCHWORK_BROKER_PUBLIC_KEYS_FILE
  value: {{ printf "%s/broker-public-keys.json" $dir | quote }}
{{- if .Values.serviceMonitor.enabled }}
- name: PATCHWORK_OPERATIONS_PUBLIC_ENDPOINTS
  value: "true"
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
