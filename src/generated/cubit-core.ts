// Generated from openapi/cubit-core.yaml by `npm run generate:types`. Do not edit.

export interface paths {
    "/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customers
         * @description Customers ordered by `customerId` (bytes, ascending), one page at a time.
         */
        get: operations["listCustomers"];
        put?: never;
        /**
         * Create or update a customer
         * @description Creates the customer named by `customerId` in the body (201), or replaces the stored customer
         *     with that id (200). Server-owned fields must not be sent.
         */
        post: operations["upsertCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customerId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's identifier, as given when it was created. */
                customerId: components["parameters"]["CustomerIdPath"];
            };
            cookie?: never;
        };
        /** Get a customer */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        /**
         * Delete a customer
         * @description Deletes the customer. A customer that still has installations is not deleted: the answer is 409,
         *     and the installations must be deleted first.
         */
        delete: operations["deleteCustomer"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/installations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List installations
         * @description Installations ordered by `installationId` (bytes, ascending), optionally only those of one customer, one page at a time.
         */
        get: operations["listInstallations"];
        put?: never;
        /**
         * Create or update an installation
         * @description Creates the installation named by `installationId` in the body (201), or replaces the stored
         *     installation with that id (200). `customerId` must name a customer of the same environment
         *     (422 otherwise). `lastAuditDate` is kept as the audit service set it.
         */
        post: operations["upsertInstallation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/installations/{installationId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The installation's identifier, as given when it was created. */
                installationId: components["parameters"]["InstallationIdPath"];
            };
            cookie?: never;
        };
        /** Get an installation */
        get: operations["getInstallation"];
        put?: never;
        post?: never;
        /**
         * Delete an installation
         * @description An installation that still has audits is not deleted (409); delete its audits first.
         */
        delete: operations["deleteInstallation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audits
         * @description Audits ordered by `auditId` (bytes, ascending), optionally only those of one installation, one page at a time.
         */
        get: operations["listAudits"];
        put?: never;
        /**
         * Create or update an audit
         * @description Creates the audit named by `auditId` in the body (201), or replaces the stored audit with that id (200).
         *     `installationId` must name an installation of the same environment (422 otherwise). A new audit starts
         *     in status `planned`; an update keeps the status and its history, which only `setAuditStatus` changes.
         */
        post: operations["upsertAudit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audits/{auditId}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        /** Get an audit */
        get: operations["getAudit"];
        put?: never;
        post?: never;
        /**
         * Delete an audit
         * @description Deletes the audit and its history. Messages its status changes already sent stay in the outbox and are
         *     delivered; the Archive keeps the cases it saved.
         */
        delete: operations["deleteAudit"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audits/{auditId}/status": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change an audit's status
         * @description The audit service's SetStatus. In one transaction it checks the transition against the table of
         *     `AuditStatus` (`x-cubit-transitions`), sets the new status, appends an entry to the history (changed
         *     by the token's `sub`), sets the installation's `lastAuditDate` to the date of the change when the audit
         *     becomes `completed`, and stores two outgoing messages: a save-case for the Archive (webhook
         *     `archiveSaveCase`) and a notification for Lantern (webhook `lanternNotification`), both carrying the
         *     change's id as correlation id. Once committed, the messages are published on the service bus and
         *     delivered, with retries, whatever happens to the caller's connection.
         *
         *     A transition the table does not allow is **409** `transition-not-allowed`, naming the allowed ones; nothing
         *     changes. Changes of one audit are serialised: of two concurrent changes from the same status, one wins and
         *     the other is judged against the new status. With `If-Match` (the audit's `ETag`), a change made against
         *     an older version is **412** `version-mismatch`.
         */
        post: operations["setAuditStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/audits/{auditId}/history": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        /**
         * Get an audit's status history
         * @description Every status change of the audit, oldest first (the order in which they were committed), one page at a time.
         */
        get: operations["getAuditHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface webhooks {
    archiveSaveCase: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Save case (to the Archive)
         * @description Sent over the service bus (topic `audit-status`, subscription `archive`, subject `SaveCase`) after every
         *     committed status change, and delivered to the Archive, a Noark 5 archive such as Public 360 or Elements:
         *     a case (sak) for the audit, with the customer as party, and a registry entry (journalpost) recording the
         *     change with the audit report as its document. `messageId` is the outbox id, also sent as the
         *     `Idempotency-Key` header: the Archive saves a message once however often it is delivered.
         */
        post: operations["archiveSaveCase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    lanternNotification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Notify of a status change (to Lantern)
         * @description Sent over the service bus (topic `audit-status`, subscription `lantern`, subject `StatusChanged`) after
         *     every committed status change, and delivered to the Lantern notification service, which tells the
         *     customer. The recipient is the customer's contact person by email, else the customer's email, else its
         *     phone by SMS, else its portal inbox. `messageId` is the outbox id, also sent as `Idempotency-Key`.
         */
        post: operations["lanternNotification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export interface components {
    schemas: {
        /**
         * @description The caller's identifier for a customer. Letters, digits, `-` and `_`; starts with a letter or digit.
         * @example CUST-10001
         */
        CustomerId: string;
        /**
         * @description The caller's identifier for an installation. Letters, digits, `-` and `_`; starts with a letter or digit.
         * @example INST-20001
         */
        InstallationId: string;
        /**
         * @description Norwegian organisation number (organisasjonsnummer) from Brønnøysundregistrene, nine digits.
         * @example 923456783
         */
        OrganizationNumber: string;
        /**
         * Format: email
         * @example post@fjordkraft-eiendom.example
         */
        Email: string;
        /**
         * @description Phone number in E.164 form.
         * @example +4722334455
         */
        Phone: string;
        Address: {
            street: string;
            /** @description Postal code; four digits in Norway. */
            postalCode: string;
            city: string;
            /** @description ISO 3166-1 alpha-2 country code. */
            country: string;
        };
        ContactPerson: {
            name: string;
            email?: components["schemas"]["Email"];
            phone?: components["schemas"]["Phone"];
        };
        /**
         * Format: date-time
         * @example 2026-01-15T09:30:00.000Z
         */
        Timestamp: string;
        /** @example 1 */
        Version: number;
        /** @description What a client sends to create or replace a customer. The server-owned fields of `Customer` are not part of it. */
        CustomerUpsert: {
            customerId: components["schemas"]["CustomerId"];
            /** @description Registered company name. */
            name: string;
            organizationNumber: components["schemas"]["OrganizationNumber"];
            email?: components["schemas"]["Email"];
            invoiceEmail?: components["schemas"]["Email"];
            phone?: components["schemas"]["Phone"];
            address: components["schemas"]["Address"];
            contactPerson?: components["schemas"]["ContactPerson"];
            /** @description The customer's identifier in the caller's CRM. */
            externalReference?: string;
            tags?: string[];
            /** @enum {string} */
            status: "active" | "inactive";
        };
        /** @description A customer as stored, that is what the client sent (`CustomerUpsert`) and the server-owned fields. */
        Customer: {
            customerId: components["schemas"]["CustomerId"];
            /** @description Registered company name. */
            name: string;
            organizationNumber: components["schemas"]["OrganizationNumber"];
            email?: components["schemas"]["Email"];
            invoiceEmail?: components["schemas"]["Email"];
            phone?: components["schemas"]["Phone"];
            address: components["schemas"]["Address"];
            contactPerson?: components["schemas"]["ContactPerson"];
            /** @description The customer's identifier in the caller's CRM. */
            externalReference?: string;
            tags?: string[];
            /** @enum {string} */
            status: "active" | "inactive";
            /** @description When the resource was created. Set by the server. */
            readonly createdAt: components["schemas"]["Timestamp"];
            /** @description When the resource last changed. Set by the server. */
            readonly updatedAt: components["schemas"]["Timestamp"];
            /** @description Starts at 1 and grows by one with every change. Set by the server. */
            readonly version: components["schemas"]["Version"];
        };
        /** @description What a client sends to create or replace an installation. The server-owned fields of `Installation` are not part of it. */
        InstallationUpsert: {
            installationId: components["schemas"]["InstallationId"];
            customerId: components["schemas"]["CustomerId"];
            name: string;
            /** @enum {string} */
            type: "solar" | "heat_pump" | "ev_charger" | "battery_storage" | "electrical" | "ventilation" | "fire_alarm";
            /** @enum {string} */
            status: "planned" | "active" | "decommissioned";
            address: components["schemas"]["Address"];
            location?: {
                latitude: number;
                longitude: number;
            };
            /** @description Rated capacity in kilowatts. */
            capacityKw?: number;
            /** Format: date */
            commissionedDate?: string;
            /** @description Norwegian metering point id (målepunkt-ID), 18 digits. */
            meteringPointId?: string;
            notes?: string;
        };
        /** @description An installation as stored, that is what the client sent (`InstallationUpsert`) and the server-owned fields. */
        Installation: {
            installationId: components["schemas"]["InstallationId"];
            customerId: components["schemas"]["CustomerId"];
            name: string;
            /** @enum {string} */
            type: "solar" | "heat_pump" | "ev_charger" | "battery_storage" | "electrical" | "ventilation" | "fire_alarm";
            /** @enum {string} */
            status: "planned" | "active" | "decommissioned";
            address: components["schemas"]["Address"];
            location?: {
                latitude: number;
                longitude: number;
            };
            /** @description Rated capacity in kilowatts. */
            capacityKw?: number;
            /** Format: date */
            commissionedDate?: string;
            /** @description Norwegian metering point id (målepunkt-ID), 18 digits. */
            meteringPointId?: string;
            notes?: string;
            /**
             * Format: date
             * @description Date of the last audit status change, set by the audit service; null until the first audit.
             */
            readonly lastAuditDate: string | null;
            /** @description When the resource was created. Set by the server. */
            readonly createdAt: components["schemas"]["Timestamp"];
            /** @description When the resource last changed. Set by the server. */
            readonly updatedAt: components["schemas"]["Timestamp"];
            /** @description Starts at 1 and grows by one with every change. Set by the server. */
            readonly version: components["schemas"]["Version"];
        };
        /** @description Number of items that match, on all pages. */
        PageTotal: number;
        /** @description The page size used. */
        PageLimit: number;
        /** @description The number of items skipped. */
        PageOffset: number;
        CustomerPage: {
            items: components["schemas"]["Customer"][];
            total: components["schemas"]["PageTotal"];
            limit: components["schemas"]["PageLimit"];
            offset: components["schemas"]["PageOffset"];
        };
        InstallationPage: {
            items: components["schemas"]["Installation"][];
            total: components["schemas"]["PageTotal"];
            limit: components["schemas"]["PageLimit"];
            offset: components["schemas"]["PageOffset"];
        };
        /** @description An error, as RFC 9457 problem details. */
        Problem: {
            /**
             * Format: uri
             * @description Identifies the kind of problem; `urn:cubit:problem:<code>`.
             */
            type: string;
            /** @description Short summary of the kind of problem; the same for every occurrence. */
            title: string;
            status: number;
            /** @description What went wrong in this occurrence. */
            detail?: string;
            /**
             * @description Stable machine-readable error code; each response of each operation says which codes it carries.
             * @enum {string}
             */
            code: "validation-failed" | "malformed-json" | "malformed-url" | "bad-request" | "unauthorized" | "not-found" | "customer-not-found" | "installation-not-found" | "method-not-allowed" | "request-timeout" | "customer-has-installations" | "payload-too-large" | "uri-too-long" | "unsupported-media-type" | "unknown-customer" | "audit-not-found" | "installation-has-audits" | "unknown-installation" | "transition-not-allowed" | "version-mismatch" | "too-many-auth-failures" | "headers-too-large" | "internal-error" | "service-unavailable" | "storage-unavailable" | "read-only";
            /** @description Present on server errors; the same as the `X-Request-Id` header. */
            requestId?: string;
            /** @description Every violation found in the request (400 only). */
            errors?: components["schemas"]["Violation"][];
            /** @description On a 409, what stops the change, namely the dependent records. */
            blockedBy?: {
                /** @description The collection of the dependent records, e.g. `installations`. */
                resource: string;
                total: number;
                /** @description The ids of the first few (at most 5), in id order. */
                ids: string[];
            };
            /** @description On a `transition-not-allowed`, the change refused and the ones the audit's status allows. */
            transition?: {
                from: components["schemas"]["AuditStatus"];
                to: components["schemas"]["AuditStatus"];
                allowed: components["schemas"]["AuditStatus"][];
            };
        };
        Violation: {
            /**
             * @description Which part of the request is wrong.
             * @enum {string}
             */
            in: "body" | "path" | "query" | "header";
            /** @description JSON Pointer (RFC 6901) to the offending value within that part; for path and query, `/` and the parameter name. */
            pointer: string;
            message: string;
        };
        /**
         * @description The caller's identifier for an audit. Letters, digits, `-` and `_`; starts with a letter or digit.
         * @example AUD-30001
         */
        AuditId: string;
        /**
         * @description Where an audit stands. A new audit is `planned`. The allowed changes are the table in
         *     `x-cubit-transitions` (the mock and the contract suite read it from here):
         *
         *     | from | to |
         *     | --- | --- |
         *     | planned | in_progress, cancelled |
         *     | in_progress | completed, cancelled |
         *     | completed | approved, rejected |
         *     | rejected | in_progress |
         *     | approved | (none: final) |
         *     | cancelled | (none: final) |
         *
         *     Any other change, a change to the same status included, is **409** `transition-not-allowed`.
         * @enum {string}
         */
        AuditStatus: "planned" | "in_progress" | "completed" | "approved" | "rejected" | "cancelled";
        /**
         * @description Why the audit is made.
         * @enum {string}
         */
        AuditKind: "periodic" | "commissioning" | "follow_up" | "complaint";
        Auditor: {
            name: string;
            email?: components["schemas"]["Email"];
        };
        /** @description What a client sends to create or replace an audit. The server-owned fields of `Audit`, its status among them, are not part of it. */
        AuditUpsert: {
            auditId: components["schemas"]["AuditId"];
            installationId: components["schemas"]["InstallationId"];
            kind: components["schemas"]["AuditKind"];
            title: string;
            /** Format: date */
            scheduledDate?: string;
            auditor?: components["schemas"]["Auditor"];
            /**
             * Format: uri
             * @description Where the audit report is; the Archive's registry entry refers to it.
             */
            reportUrl?: string;
            notes?: string;
        };
        /** @description An audit as stored, that is what the client sent (`AuditUpsert`) and the server-owned fields. */
        Audit: {
            auditId: components["schemas"]["AuditId"];
            installationId: components["schemas"]["InstallationId"];
            kind: components["schemas"]["AuditKind"];
            title: string;
            /** Format: date */
            scheduledDate?: string;
            auditor?: components["schemas"]["Auditor"];
            /**
             * Format: uri
             * @description Where the audit report is; the Archive's registry entry refers to it.
             */
            reportUrl?: string;
            notes?: string;
            /** @description Set to `planned` on creation, then changed only by `setAuditStatus`. */
            readonly status: components["schemas"]["AuditStatus"];
            /**
             * Format: date-time
             * @description When the status last changed; null while the audit is still as created.
             */
            readonly statusChangedAt: string | null;
            /** @description When the resource was created. Set by the server. */
            readonly createdAt: components["schemas"]["Timestamp"];
            /** @description When the resource last changed. Set by the server. */
            readonly updatedAt: components["schemas"]["Timestamp"];
            /** @description Starts at 1 and grows by one with every change, a status change included. Set by the server. */
            readonly version: components["schemas"]["Version"];
        };
        /** @description The status to change to, and why. */
        AuditStatusChange: {
            status: components["schemas"]["AuditStatus"];
            comment?: string;
        };
        /**
         * Format: uuid
         * @description Identifies one status change; the correlation id of the messages it sent.
         * @example 7a2b4c6d-1e3f-4a5b-8c7d-9e0f1a2b3c4d
         */
        ChangeId: string;
        /**
         * Format: uuid
         * @description Identifies one outgoing message (its outbox id and service-bus message id).
         * @example 0b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e
         */
        MessageId: string;
        /**
         * @description Who made a change, as the bearer token's `sub` names them.
         * @example kari.nordmann@kontroll.example
         */
        Subject: string;
        AuditHistoryEntry: {
            changeId: components["schemas"]["ChangeId"];
            auditId: components["schemas"]["AuditId"];
            from: components["schemas"]["AuditStatus"];
            to: components["schemas"]["AuditStatus"];
            changedAt: components["schemas"]["Timestamp"];
            changedBy: components["schemas"]["Subject"];
            comment?: string;
        };
        AuditPage: {
            items: components["schemas"]["Audit"][];
            total: components["schemas"]["PageTotal"];
            limit: components["schemas"]["PageLimit"];
            offset: components["schemas"]["PageOffset"];
        };
        AuditHistoryPage: {
            items: components["schemas"]["AuditHistoryEntry"][];
            total: components["schemas"]["PageTotal"];
            limit: components["schemas"]["PageLimit"];
            offset: components["schemas"]["PageOffset"];
        };
        /** @description What a receiver of an outgoing message answers when it refuses one. The mock treats it as untrusted input and records at most its first 2000 characters. */
        ReceiverProblem: {
            type?: string;
            title?: string;
            status?: number;
            detail?: string;
        };
        /**
         * @description A save-case request, shaped as a Noark 5 archive takes one: the case (sak) is found or created by its
         *     `externalId`, and the registry entry (journalpost) is added to it.
         */
        ArchiveSaveCase: {
            messageId: components["schemas"]["MessageId"];
            correlationId: components["schemas"]["ChangeId"];
            /** @enum {string} */
            environment: "test" | "prod";
            occurredAt: components["schemas"]["Timestamp"];
            case: {
                /** @description The case's id in the sending system, `cubit-core:<environment>:audit:<auditId>`. */
                externalId: string;
                title: string;
                /**
                 * @description Noark 5 case status (saksstatus): `R` reserved (planned), `B` being handled, `A` closed (approved), `U` void (cancelled).
                 * @enum {string}
                 */
                status: "R" | "B" | "A" | "U";
                /** @description The case's class (klassering), that is the installation it is about. */
                classification: {
                    /** @constant */
                    scheme: "installation";
                    value: components["schemas"]["InstallationId"];
                    title: string;
                };
                /** @description The case's parties (sakspart). */
                parties: {
                    /** @constant */
                    role: "customer";
                    customerId: components["schemas"]["CustomerId"];
                    name: string;
                    organizationNumber?: components["schemas"]["OrganizationNumber"];
                }[];
                /** @description The unit handling the case (administrativ enhet). */
                responsibleUnit: {
                    code: string;
                    name: string;
                };
            };
            /** @description The registry entry (journalpost) of the status change. */
            registryEntry: {
                title: string;
                /**
                 * @description Noark 5 registry entry type (journalposttype): `X` an internal note.
                 * @constant
                 */
                type: "X";
                /** Format: date */
                date: string;
                changedBy: components["schemas"]["Subject"];
                comment?: string;
                /** @description The audit report, the entry's main document. */
                document: {
                    title: string;
                    /** @constant */
                    mediaType: "application/pdf";
                    /**
                     * Format: uri
                     * @description The audit's `reportUrl`, or `urn:cubit:audit-report:<auditId>` while it has none.
                     */
                    reference: string;
                };
            };
        };
        /** @description A notification for Lantern to send to one recipient. */
        LanternNotification: {
            messageId: components["schemas"]["MessageId"];
            correlationId: components["schemas"]["ChangeId"];
            /** @enum {string} */
            environment: "test" | "prod";
            occurredAt: components["schemas"]["Timestamp"];
            /** @constant */
            event: "audit.status_changed";
            recipient: {
                customerId: components["schemas"]["CustomerId"];
                name: string;
                /** @enum {string} */
                channel: "email" | "sms" | "portal";
                /** @description The email address, the E.164 phone number, or (portal) the customer id. */
                address: string;
            };
            subject: string;
            text: string;
            audit: {
                auditId: components["schemas"]["AuditId"];
                installationId: components["schemas"]["InstallationId"];
                from: components["schemas"]["AuditStatus"];
                to: components["schemas"]["AuditStatus"];
                changedBy: components["schemas"]["Subject"];
            };
        };
    };
    responses: {
        /** @description The request is invalid. `validation-failed` lists every violation in `errors`; `malformed-json` says where the body stops being JSON; `malformed-url` is a path with a broken percent-encoding; `bad-request` is a request line or header field that is not valid HTTP/1.1. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    code?: "validation-failed" | "malformed-json" | "malformed-url" | "bad-request";
                };
            };
        };
        /** @description The API key is missing, wrong, or belongs to another environment. */
        Unauthorized: {
            headers: {
                /**
                 * @description The authentication scheme expected.
                 * @example ApiKey header="X-API-Key"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "unauthorized";
                };
            };
        };
        /** @description No customer with the `customerId` of the path exists in this environment. */
        CustomerNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "customer-not-found";
                };
            };
        };
        /** @description No installation with the `installationId` of the path exists in this environment. */
        InstallationNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "installation-not-found";
                };
            };
        };
        /** @description The customer still has installations, and is not deleted. `blockedBy` counts them and names the first few; delete them first. */
        CustomerHasInstallations: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "customer-has-installations";
                };
            };
        };
        /** @description The installation names a customer that does not exist in this environment. */
        UnknownCustomer: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "unknown-customer";
                };
            };
        };
        /** @description The request did not arrive in full within 30 seconds (the mock's `--request-timeout`). The connection is closed. */
        RequestTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "request-timeout";
                };
            };
        };
        /** @description The request body is larger than 1 MiB. The rest of the body is read and discarded (up to 16 MiB in all, else the connection is closed) so that a client still sending receives this answer. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "payload-too-large";
                };
            };
        };
        /** @description The request target (path and query) is longer than 8192 bytes. */
        UriTooLong: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "uri-too-long";
                };
            };
        };
        /** @description The request body is not `application/json` in UTF-8. The answer names the media type (or the charset) received, when it is one, and what is accepted. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "unsupported-media-type";
                };
            };
        };
        /** @description The request line and header fields are larger than 16384 bytes in all. The connection is closed. */
        HeadersTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "headers-too-large";
                };
            };
        };
        /** @description An unexpected server error. The body carries no internal details. */
        InternalError: {
            headers: {
                "X-Request-Id": components["headers"]["RequestId"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "internal-error";
                };
            };
        };
        /**
         * @description The request was not carried out, and nothing of it was kept. `code` says why:
         *     - `service-unavailable`: the server is shutting down; the connection is closed. Send the request again
         *       once it is back.
         *     - `storage-unavailable`: a change could not be saved (a full disk, an I/O error), or the data this answer
         *       depends on could not be; `Retry-After` says when to try again, and no other client ever saw the change.
         *       Without `Retry-After`, the server has stopped saving changes for good (another process took its data
         *       over) and needs an operator.
         *     - `read-only`: the mock serves its data read-only (`--read-only`); reads are answered, changes never.
         */
        ServiceUnavailable: {
            headers: {
                /**
                 * @description Seconds to wait before sending the request again (RFC 9110 delay-seconds), when trying again may work.
                 * @example 5
                 */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @enum {unknown} */
                    code?: "service-unavailable" | "storage-unavailable" | "read-only";
                };
            };
        };
        /**
         * @description This client address has had too many failed authentications (a missing or wrong API key or bearer token)
         *     within a window: by default 20 within a minute from its first failure (the mock's `--auth-failure-limit`
         *     and `--auth-failure-window`). Until the window ends, every request from it that needs credentials gets
         *     this answer without its credentials being checked, correct ones included. `Retry-After` says how many
         *     seconds are left. Requests with correct credentials never count; other addresses are not affected.
         */
        TooManyAuthFailures: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "too-many-auth-failures";
                };
            };
        };
        /** @description The bearer token is missing, malformed, expired, not yet valid, wrongly signed, unsigned (`alg` `none`), or issued for another environment (`aud`). */
        BearerUnauthorized: {
            headers: {
                /**
                 * @description The scheme expected (RFC 6750): `Bearer realm="cubit-core-<environment>"`, with `error="invalid_token"` when a token was sent.
                 * @example Bearer realm="cubit-core-test", error="invalid_token"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "unauthorized";
                };
            };
        };
        /** @description No audit with the `auditId` of the path exists in this environment. */
        AuditNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "audit-not-found";
                };
            };
        };
        /** @description The installation still has audits, and is not deleted. `blockedBy` counts them and names the first few; delete them first. */
        InstallationHasAudits: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "installation-has-audits";
                };
            };
        };
        /** @description The audit names an installation that does not exist in this environment. */
        UnknownInstallation: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "unknown-installation";
                };
            };
        };
        /** @description The audit's status cannot change to the one asked for. `transition` names the current status, the one asked for, and the ones allowed from the current status. Nothing was changed and nothing sent. */
        TransitionNotAllowed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "transition-not-allowed";
                };
            };
        };
        /** @description `If-Match` names a version the audit no longer has: someone changed it since it was read. Read it again, then decide. */
        VersionMismatch: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "version-mismatch";
                };
            };
        };
    };
    parameters: {
        /** @description The audit's identifier, as given when it was created. */
        AuditIdPath: components["schemas"]["AuditId"];
        /** @description The customer's identifier, as given when it was created. */
        CustomerIdPath: components["schemas"]["CustomerId"];
        /** @description The installation's identifier, as given when it was created. */
        InstallationIdPath: components["schemas"]["InstallationId"];
        /** @description Page size. */
        Limit: number;
        /** @description Number of items to skip. */
        Offset: number;
    };
    requestBodies: never;
    headers: {
        /**
         * @description The created resource's URL, absolute: the environment's base URL as the client reached it (scheme, host,
         *     and the path prefix of a proxy in front of the mock, taken from `Forwarded` or `X-Forwarded-*` when the
         *     mock runs with `--trust-proxy`), then the resource's path in the environment. A GET or DELETE of it
         *     reaches the resource.
         * @example http://127.0.0.1:4010/test/customers/CUST-10001
         */
        Location: string;
        /**
         * @description Identifies the request in the server's log. Quote it when reporting a server error.
         * @example req-1a
         */
        RequestId: string;
        /**
         * @description The audit's version as an entity tag, `"<version>"`; send it back in `If-Match` to change the audit only if no one else has.
         * @example "3"
         */
        AuditETag: string;
        /**
         * @description Seconds until the end of the window, when this address may present credentials again (RFC 9110 delay-seconds).
         * @example 42
         */
        RetryAfter: number;
    };
    pathItems: never;
}
export type SchemaCustomerId = components['schemas']['CustomerId'];
export type SchemaInstallationId = components['schemas']['InstallationId'];
export type SchemaOrganizationNumber = components['schemas']['OrganizationNumber'];
export type SchemaEmail = components['schemas']['Email'];
export type SchemaPhone = components['schemas']['Phone'];
export type SchemaAddress = components['schemas']['Address'];
export type SchemaContactPerson = components['schemas']['ContactPerson'];
export type SchemaTimestamp = components['schemas']['Timestamp'];
export type SchemaVersion = components['schemas']['Version'];
export type SchemaCustomerUpsert = components['schemas']['CustomerUpsert'];
export type SchemaCustomer = components['schemas']['Customer'];
export type SchemaInstallationUpsert = components['schemas']['InstallationUpsert'];
export type SchemaInstallation = components['schemas']['Installation'];
export type SchemaPageTotal = components['schemas']['PageTotal'];
export type SchemaPageLimit = components['schemas']['PageLimit'];
export type SchemaPageOffset = components['schemas']['PageOffset'];
export type SchemaCustomerPage = components['schemas']['CustomerPage'];
export type SchemaInstallationPage = components['schemas']['InstallationPage'];
export type SchemaProblem = components['schemas']['Problem'];
export type SchemaViolation = components['schemas']['Violation'];
export type SchemaAuditId = components['schemas']['AuditId'];
export type SchemaAuditStatus = components['schemas']['AuditStatus'];
export type SchemaAuditKind = components['schemas']['AuditKind'];
export type SchemaAuditor = components['schemas']['Auditor'];
export type SchemaAuditUpsert = components['schemas']['AuditUpsert'];
export type SchemaAudit = components['schemas']['Audit'];
export type SchemaAuditStatusChange = components['schemas']['AuditStatusChange'];
export type SchemaChangeId = components['schemas']['ChangeId'];
export type SchemaMessageId = components['schemas']['MessageId'];
export type SchemaSubject = components['schemas']['Subject'];
export type SchemaAuditHistoryEntry = components['schemas']['AuditHistoryEntry'];
export type SchemaAuditPage = components['schemas']['AuditPage'];
export type SchemaAuditHistoryPage = components['schemas']['AuditHistoryPage'];
export type SchemaReceiverProblem = components['schemas']['ReceiverProblem'];
export type SchemaArchiveSaveCase = components['schemas']['ArchiveSaveCase'];
export type SchemaLanternNotification = components['schemas']['LanternNotification'];
export type ResponseBadRequest = components['responses']['BadRequest'];
export type ResponseUnauthorized = components['responses']['Unauthorized'];
export type ResponseCustomerNotFound = components['responses']['CustomerNotFound'];
export type ResponseInstallationNotFound = components['responses']['InstallationNotFound'];
export type ResponseCustomerHasInstallations = components['responses']['CustomerHasInstallations'];
export type ResponseUnknownCustomer = components['responses']['UnknownCustomer'];
export type ResponseRequestTimeout = components['responses']['RequestTimeout'];
export type ResponsePayloadTooLarge = components['responses']['PayloadTooLarge'];
export type ResponseUriTooLong = components['responses']['UriTooLong'];
export type ResponseUnsupportedMediaType = components['responses']['UnsupportedMediaType'];
export type ResponseHeadersTooLarge = components['responses']['HeadersTooLarge'];
export type ResponseInternalError = components['responses']['InternalError'];
export type ResponseServiceUnavailable = components['responses']['ServiceUnavailable'];
export type ResponseTooManyAuthFailures = components['responses']['TooManyAuthFailures'];
export type ResponseBearerUnauthorized = components['responses']['BearerUnauthorized'];
export type ResponseAuditNotFound = components['responses']['AuditNotFound'];
export type ResponseInstallationHasAudits = components['responses']['InstallationHasAudits'];
export type ResponseUnknownInstallation = components['responses']['UnknownInstallation'];
export type ResponseTransitionNotAllowed = components['responses']['TransitionNotAllowed'];
export type ResponseVersionMismatch = components['responses']['VersionMismatch'];
export type ParameterAuditIdPath = components['parameters']['AuditIdPath'];
export type ParameterCustomerIdPath = components['parameters']['CustomerIdPath'];
export type ParameterInstallationIdPath = components['parameters']['InstallationIdPath'];
export type ParameterLimit = components['parameters']['Limit'];
export type ParameterOffset = components['parameters']['Offset'];
export type HeaderLocation = components['headers']['Location'];
export type HeaderRequestId = components['headers']['RequestId'];
export type HeaderAuditETag = components['headers']['AuditETag'];
export type HeaderRetryAfter = components['headers']['RetryAfter'];
export type $defs = Record<string, never>;
export interface operations {
    listCustomers: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of customers. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    upsertCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerUpsert"];
            };
        };
        responses: {
            /** @description An existing customer was replaced. The body is the stored customer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description A new customer was created. The body is the stored customer. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's identifier, as given when it was created. */
                customerId: components["parameters"]["CustomerIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored customer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["CustomerNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's identifier, as given when it was created. */
                customerId: components["parameters"]["CustomerIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["CustomerNotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["CustomerHasInstallations"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listInstallations: {
        parameters: {
            query?: {
                /** @description Only installations of this customer. A customer with no installations, or no such customer, gives an empty page. */
                customerId?: components["schemas"]["CustomerId"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of installations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InstallationPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    upsertInstallation: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InstallationUpsert"];
            };
        };
        responses: {
            /** @description An existing installation was replaced. The body is the stored installation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Installation"];
                };
            };
            /** @description A new installation was created. The body is the stored installation. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Installation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnknownCustomer"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getInstallation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The installation's identifier, as given when it was created. */
                installationId: components["parameters"]["InstallationIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored installation. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Installation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["InstallationNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteInstallation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The installation's identifier, as given when it was created. */
                installationId: components["parameters"]["InstallationIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The installation was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["InstallationNotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["InstallationHasAudits"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listAudits: {
        parameters: {
            query?: {
                /** @description Only audits of this installation. An installation with no audits, or no such installation, gives an empty page. */
                installationId?: components["schemas"]["InstallationId"];
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of audits. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["BearerUnauthorized"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    upsertAudit: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditUpsert"];
            };
        };
        responses: {
            /** @description An existing audit was replaced. The body is the stored audit. */
            200: {
                headers: {
                    ETag: components["headers"]["AuditETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Audit"];
                };
            };
            /** @description A new audit was created, in status `planned`. The body is the stored audit. */
            201: {
                headers: {
                    Location: components["headers"]["Location"];
                    ETag: components["headers"]["AuditETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Audit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["BearerUnauthorized"];
            408: components["responses"]["RequestTimeout"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["UnknownInstallation"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored audit. `ETag` is its version, for `If-Match` on `setAuditStatus`. */
            200: {
                headers: {
                    ETag: components["headers"]["AuditETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Audit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["BearerUnauthorized"];
            404: components["responses"]["AuditNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAudit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The audit was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["BearerUnauthorized"];
            404: components["responses"]["AuditNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    setAuditStatus: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description The audit's `ETag` as last read, `"<version>"`; the change is made only if the audit still has that version. `*` matches any version.
                 * @example "2"
                 */
                "If-Match"?: string;
            };
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AuditStatusChange"];
            };
        };
        responses: {
            /** @description The status was changed. The body is the audit as stored after the change. */
            200: {
                headers: {
                    ETag: components["headers"]["AuditETag"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Audit"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["BearerUnauthorized"];
            404: components["responses"]["AuditNotFound"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["TransitionNotAllowed"];
            412: components["responses"]["VersionMismatch"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuditHistory: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Number of items to skip. */
                offset?: components["parameters"]["Offset"];
            };
            header?: never;
            path: {
                /** @description The audit's identifier, as given when it was created. */
                auditId: components["parameters"]["AuditIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the audit's history. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditHistoryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["BearerUnauthorized"];
            404: components["responses"]["AuditNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyAuthFailures"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    archiveSaveCase: {
        parameters: {
            query?: never;
            header: {
                /** @description The message's `messageId`. */
                "Idempotency-Key": components["schemas"]["MessageId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArchiveSaveCase"];
            };
        };
        responses: {
            /** @description The case was saved (or had been saved by an earlier delivery of this message). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The case was saved. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The Archive refused the message. The bus retries, then dead-letters it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ReceiverProblem"];
                };
            };
            /** @description The Archive failed. The bus retries with exponential backoff, then dead-letters the message. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    lanternNotification: {
        parameters: {
            query?: never;
            header: {
                /** @description The message's `messageId`. */
                "Idempotency-Key": components["schemas"]["MessageId"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LanternNotification"];
            };
        };
        responses: {
            /** @description The notification was accepted (or had been, by an earlier delivery of this message). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Lantern refused the message. The bus retries, then dead-letters it. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ReceiverProblem"];
                };
            };
            /** @description Lantern failed. The bus retries with exponential backoff, then dead-letters the message. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
