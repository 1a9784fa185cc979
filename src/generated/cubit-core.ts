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
        /** Delete an installation */
        delete: operations["deleteInstallation"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
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
            code: "validation-failed" | "malformed-json" | "malformed-url" | "bad-request" | "unauthorized" | "not-found" | "customer-not-found" | "installation-not-found" | "method-not-allowed" | "request-timeout" | "customer-has-installations" | "payload-too-large" | "uri-too-long" | "unsupported-media-type" | "unknown-customer" | "headers-too-large" | "internal-error" | "service-unavailable";
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
        /** @description The request body is not `application/json`. The answer names the media type received (when it is one) and the one accepted. */
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
        /** @description The server is shutting down; the connection is closed. Send the request again once it is back. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"] & {
                    /** @constant */
                    code?: "service-unavailable";
                };
            };
        };
    };
    parameters: {
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
export type ParameterCustomerIdPath = components['parameters']['CustomerIdPath'];
export type ParameterInstallationIdPath = components['parameters']['InstallationIdPath'];
export type ParameterLimit = components['parameters']['Limit'];
export type ParameterOffset = components['parameters']['Offset'];
export type HeaderLocation = components['headers']['Location'];
export type HeaderRequestId = components['headers']['RequestId'];
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
            414: components["responses"]["UriTooLong"];
            431: components["responses"]["HeadersTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
