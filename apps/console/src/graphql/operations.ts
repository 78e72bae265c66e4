import { graphql } from '../generated';

/**
 * Every operation of the console, in one place: each is a typed document validated against the
 * committed supergraph and listed in persisted-documents.json.
 */

export const OrganizationsQuery = graphql(`
  query ConsoleOrganizations {
    organizations(first: 100) {
      edges {
        node {
          id
          code
          nameTh
          nameEn
          district
          location {
            lat
            lng
          }
        }
      }
    }
  }
`);

export const ProvinceQuery = graphql(`
  query ConsoleProvince($fiscalYear: Int!) {
    organizations(first: 100) {
      edges {
        node {
          id
          code
          nameTh
          nameEn
          district
          caseStats {
            open
            overdue
            resolvedLast30Days
            medianResolutionHours
            averageRating
          }
          budgetSummary(fiscalYear: $fiscalYear) {
            approved
            disbursed
            disbursementRate
            delayedCount
            projectCount
          }
          wasteSummary(fiscalYear: $fiscalYear) {
            generatedTonnes
            baselineTonnes
            reductionPercent
            targetPercent
            projectedReductionPercent
            onTrack
            monthly {
              month
              tonnes
            }
          }
        }
      }
    }
    provinceWasteSummary(fiscalYear: $fiscalYear) {
      generatedTonnes
      reductionPercent
      targetPercent
      onTrack
      ranking {
        rank
        projectedReductionPercent
        onTrack
        organization {
          id
          code
          nameTh
          nameEn
        }
      }
    }
  }
`);

export const RecentCasesQuery = graphql(`
  query ConsoleRecentCases {
    cases(first: 100) {
      totalCount
      edges {
        node {
          id
          category
          status
          openedAt
          resolvedAt
          location {
            lat
            lng
          }
        }
      }
    }
  }
`);

export const TriageQueueQuery = graphql(`
  query ConsoleTriageQueue {
    cases(filter: { status: [RECEIVED, REOPENED] }, first: 50) {
      totalCount
      edges {
        node {
          id
          trackingCode
          kind
          category
          title
          description
          status
          openedAt
          routingException
          location {
            lat
            lng
            district
            subdistrict {
              code
              nameTh
              nameEn
            }
          }
        }
      }
    }
    routingRules {
      district
      category
      organization {
        id
        code
      }
    }
  }
`);

export const PossibleDuplicatesQuery = graphql(`
  query ConsolePossibleDuplicates($caseId: ID!) {
    possibleDuplicates(caseId: $caseId) {
      id
      trackingCode
      title
      status
    }
  }
`);

export const InboxQuery = graphql(`
  query ConsoleInbox($code: String!) {
    organizationByCode(code: $code) {
      id
      code
      nameTh
      nameEn
      caseStats {
        open
        overdue
      }
      cases(filter: { status: [TRIAGED, ASSIGNED, IN_PROGRESS, IN_MEDIATION, REOPENED] }, first: 100) {
        totalCount
        edges {
          node {
            id
            trackingCode
            kind
            category
            title
            status
            priority
            dueAt
            overdue
            openedAt
            leadOrganization {
              id
            }
          }
        }
      }
    }
  }
`);

export const CaseQuery = graphql(`
  query ConsoleCase($id: ID!) {
    case(id: $id) {
      id
      trackingCode
      kind
      category
      title
      description
      status
      priority
      dueAt
      overdue
      resolution
      rating
      location {
        lat
        lng
        address
        district
      }
      leadOrganization {
        id
        code
        nameTh
        nameEn
      }
      supportingOrganizations {
        id
        code
      }
      mediationSessions {
        id
        heldAt
        mediator
        attendees
        notes
      }
      externalReferrals {
        id
        externalBody {
          code
          nameTh
          nameEn
        }
        forwardedAt
        reference
        note
        reply
        repliedAt
      }
      timeline {
        at
        action
        fromStatus
        toStatus
        actorRole
        actorOrganization
        note
      }
    }
  }
`);

/** Agencies outside the network an officer may refer a case to. */
export const ExternalBodiesQuery = graphql(`
  query ConsoleExternalBodies {
    externalBodies {
      code
      nameTh
      nameEn
      handles
    }
  }
`);

export const ReferCaseMutation = graphql(`
  mutation ConsoleReferCase($id: ID!, $input: ExternalReferralInput!) {
    referCaseToExternalBody(id: $id, input: $input) {
      id
    }
  }
`);

export const RecordExternalReplyMutation = graphql(`
  mutation ConsoleRecordExternalReply($referralId: ID!, $input: ExternalReplyInput!) {
    recordExternalReply(referralId: $referralId, input: $input) {
      id
    }
  }
`);

export const TriageCaseMutation = graphql(`
  mutation ConsoleTriageCase($id: ID!, $input: TriageCaseInput!) {
    triageCase(id: $id, input: $input) {
      id
      status
    }
  }
`);

export const AcceptCaseMutation = graphql(`
  mutation ConsoleAcceptCase($id: ID!) {
    acceptCase(id: $id) {
      id
      status
    }
  }
`);

export const StartWorkMutation = graphql(`
  mutation ConsoleStartWork($id: ID!, $note: String) {
    startWork(id: $id, note: $note) {
      id
      status
    }
  }
`);

export const StartMediationMutation = graphql(`
  mutation ConsoleStartMediation($id: ID!) {
    startMediation(id: $id) {
      id
      status
    }
  }
`);

export const ResolveCaseMutation = graphql(`
  mutation ConsoleResolveCase($id: ID!, $input: ResolveCaseInput!) {
    resolveCase(id: $id, input: $input) {
      id
      status
    }
  }
`);

export const CloseCaseMutation = graphql(`
  mutation ConsoleCloseCase($id: ID!) {
    closeCase(id: $id) {
      id
      status
    }
  }
`);

export const ForwardCaseMutation = graphql(`
  mutation ConsoleForwardCase($id: ID!, $organizationId: ID!, $note: String) {
    forwardCase(id: $id, organizationId: $organizationId, note: $note) {
      id
      status
    }
  }
`);

export const InviteOrganizationMutation = graphql(`
  mutation ConsoleInviteOrganization($id: ID!, $organizationId: ID!, $note: String) {
    inviteSupportingOrganization(id: $id, organizationId: $organizationId, note: $note) {
      id
      status
    }
  }
`);

export const AddNoteMutation = graphql(`
  mutation ConsoleAddNote($id: ID!, $note: String!) {
    addCaseNote(id: $id, note: $note) {
      id
      status
    }
  }
`);

export const MarkDuplicateMutation = graphql(`
  mutation ConsoleMarkDuplicate($id: ID!, $originalId: ID!) {
    markDuplicate(id: $id, originalId: $originalId) {
      id
      status
    }
  }
`);

export const RecordMediationSessionMutation = graphql(`
  mutation ConsoleRecordMediationSession($id: ID!, $input: MediationSessionInput!) {
    recordMediationSession(id: $id, input: $input) {
      id
      status
    }
  }
`);

/** Phuket's tambons for the report form: the case goes straight to the area's organization with one. */
export const SubdistrictsQuery = graphql(`
  query ConsoleSubdistricts {
    subdistricts {
      code
      nameTh
      nameEn
      district
    }
  }
`);

export const OpenCaseMutation = graphql(`
  mutation ConsoleOpenCase($input: OpenCaseInput!) {
    openCase(input: $input) {
      trackingCode
      reporterSecret
    }
  }
`);

export const FollowCaseQuery = graphql(`
  query ConsoleFollowCase($code: String!, $secret: String) {
    caseByTrackingCode(code: $code, reporterSecret: $secret) {
      id
      trackingCode
      category
      title
      status
      resolution
      rating
      openedAt
      resolvedAt
      timeline {
        at
        action
        fromStatus
        toStatus
        actorRole
        actorOrganization
      }
    }
  }
`);

export const RateCaseMutation = graphql(`
  mutation ConsoleRateCase($code: String!, $secret: String!, $rating: Int!, $comment: String) {
    rateCase(trackingCode: $code, reporterSecret: $secret, rating: $rating, comment: $comment) {
      id
      rating
    }
  }
`);

export const AddInformationMutation = graphql(`
  mutation ConsoleAddInformation($code: String!, $secret: String!, $text: String!) {
    addCaseInformation(trackingCode: $code, reporterSecret: $secret, text: $text) {
      id
      status
    }
  }
`);

export const ReporterReopenMutation = graphql(`
  mutation ConsoleReporterReopen($code: String!, $secret: String!, $reason: String!) {
    reporterReopenCase(trackingCode: $code, reporterSecret: $secret, reason: $reason) {
      id
      status
    }
  }
`);

export const WasteReportsQuery = graphql(`
  query ConsoleWasteReports($organizationId: ID!) {
    wasteReports(filter: { organizationId: $organizationId }, first: 24) {
      totalCount
      edges {
        node {
          id
          month
          revision
          totalTonnes
          submittedAt
          note
          reviewStatus
          reviewedAt
          returnReason
          byStream {
            general
            organic
            recyclable
            hazardous
          }
          byDestination {
            incinerated
            landfilled
            recycled
            composted
          }
        }
      }
    }
  }
`);

export const ImportWasteMutation = graphql(`
  mutation ConsoleImportWaste($organizationId: ID!, $csv: String!) {
    importWasteReports(organizationId: $organizationId, csv: $csv) {
      imported
      totalErrors
      errors {
        row
        line
        message
      }
    }
  }
`);

export const SubmitWasteReportMutation = graphql(`
  mutation ConsoleSubmitWasteReport($input: WasteReportInput!) {
    submitWasteReport(input: $input) {
      id
      month
      revision
    }
  }
`);

export const CorrectWasteReportMutation = graphql(`
  mutation ConsoleCorrectWasteReport($input: WasteReportInput!) {
    correctWasteReport(input: $input) {
      id
      month
      revision
    }
  }
`);

export const ProjectsQuery = graphql(`
  query ConsoleProjects($code: String!, $fiscalYear: Int!) {
    organizationByCode(code: $code) {
      id
      nameTh
      nameEn
      projects(fiscalYear: $fiscalYear, first: 100) {
        totalCount
        edges {
          node {
            ...ProjectRow
          }
        }
      }
      accumulatedFunds {
        ...FundsLedger
      }
    }
  }
`);

/** An organization's accumulated-funds ledger as its card shows it (the Organization and Projects pages). */
export const FundsLedgerFragment = graphql(`
  fragment FundsLedger on AccumulatedFundsLedger {
    reportedOn
    reportedBalance
    personnelReserve
    annualBudgetReserve
    committed
    disbursed
    available
  }
`);

export const ProjectRowFragment = graphql(`
  fragment ProjectRow on Project {
    id
    code
    title
    status
    progressPercent
    delayed
    delayReason
    approvedBudget
    disbursed
    plannedEnd
    owner {
      id
    }
    coordination {
      status
    }
  }
`);

export const ProjectQuery = graphql(`
  query ConsoleProject($id: ID!) {
    project(id: $id) {
      id
      code
      title
      objective
      status
      fiscalYear
      budget
      approvedBudget
      disbursed
      plannedStart
      plannedEnd
      progressPercent
      delayed
      delayReason
      owner {
        id
        code
      }
      coordination {
        status
        submittedAt
        decidedAt
        note
      }
      progressReports {
        id
        reportedOn
        percent
        amountDisbursed
        note
        reportedAt
      }
    }
  }
`);

export const ReportProgressMutation = graphql(`
  mutation ConsoleReportProgress($id: ID!, $input: ProgressReportInput!) {
    reportProgress(id: $id, input: $input) {
      id
      progressPercent
      disbursed
    }
  }
`);

export const SubmitForCoordinationMutation = graphql(`
  mutation ConsoleSubmitForCoordination($id: ID!, $note: String) {
    submitForCoordination(id: $id, note: $note) {
      id
      coordination {
        status
      }
    }
  }
`);

export const OrganizationQuery = graphql(`
  query ConsoleOrganization($code: String!, $fiscalYear: Int!) {
    organizationByCode(code: $code) {
      id
      code
      nameTh
      nameEn
      district
      caseStats {
        open
        overdue
        resolvedLast30Days
        medianResolutionHours
        averageRating
      }
      budgetSummary(fiscalYear: $fiscalYear) {
        approved
        disbursed
        disbursementRate
        projectCount
        completedCount
        delayedCount
      }
      wasteSummary(fiscalYear: $fiscalYear) {
        generatedTonnes
        baselineTonnes
        reductionPercent
        targetPercent
        projectedReductionPercent
        onTrack
        monthsReported
        monthly {
          month
          tonnes
        }
      }
      projects(fiscalYear: $fiscalYear, first: 100) {
        totalCount
        edges {
          node {
            ...ProjectRow
          }
        }
      }
      accumulatedFunds {
        ...FundsLedger
      }
    }
  }
`);

export const FollowUpActionRowFragment = graphql(`
  fragment FollowUpActionRow on FollowUpAction {
    id
    description
    dueOn
    status
    overdue
    organization {
      id
      code
      nameTh
      nameEn
    }
    resolution {
      id
      number
      text
    }
    meeting {
      id
      title
      heldOn
    }
  }
`);

export const MeetingsQuery = graphql(`
  query ConsoleMeetings {
    meetings(first: 50) {
      totalCount
      edges {
        node {
          id
          title
          kind
          heldOn
          place
          agenda
          organizations {
            id
            code
            nameTh
            nameEn
          }
          resolutions {
            id
            number
            text
            actions {
              ...FollowUpActionRow
            }
          }
        }
      }
    }
  }
`);

export const FollowUpActionsQuery = graphql(`
  query ConsoleFollowUpActions($filter: FollowUpActionFilter) {
    followUpActions(filter: $filter, first: 100) {
      totalCount
      edges {
        node {
          ...FollowUpActionRow
        }
      }
    }
  }
`);

export const UpdateFollowUpActionStatusMutation = graphql(`
  mutation ConsoleUpdateFollowUpActionStatus($id: ID!, $status: FollowUpActionStatus!) {
    updateFollowUpActionStatus(id: $id, status: $status) {
      ...FollowUpActionRow
    }
  }
`);

export const MissingWasteReportsQuery = graphql(`
  query ConsoleMissingWasteReports($organizationId: ID) {
    missingWasteReports(organizationId: $organizationId) {
      month
      deadline
      flaggedAt
      organization {
        id
        code
        nameTh
        nameEn
      }
    }
  }
`);

export const ReviewWasteReportsQuery = graphql(`
  query ConsoleReviewWasteReports($organizationId: ID) {
    wasteReports(filter: { organizationId: $organizationId }, first: 50) {
      totalCount
      edges {
        node {
          id
          month
          revision
          totalTonnes
          submittedAt
          reviewStatus
          reviewedAt
          returnReason
          organization {
            id
            code
            nameTh
            nameEn
          }
        }
      }
    }
  }
`);

export const VerifyWasteReportMutation = graphql(`
  mutation ConsoleVerifyWasteReport($id: ID!) {
    verifyWasteReport(id: $id) {
      id
      reviewStatus
      reviewedAt
      returnReason
    }
  }
`);

export const ReturnWasteReportMutation = graphql(`
  mutation ConsoleReturnWasteReport($id: ID!, $reason: String!) {
    returnWasteReport(id: $id, reason: $reason) {
      id
      reviewStatus
      reviewedAt
      returnReason
    }
  }
`);

export const SubscribeToMyCaseMutation = graphql(`
  mutation ConsoleSubscribeToMyCase($input: ReporterSubscriptionInput!) {
    subscribeToMyCase(input: $input)
  }
`);

export const NotificationSubscriptionsQuery = graphql(`
  query ConsoleNotificationSubscriptions($organizationId: ID) {
    notificationSubscriptions(organizationId: $organizationId) {
      id
      channel
      target
      language
      active
      createdAt
    }
  }
`);

export const DeadDeliveriesQuery = graphql(`
  query ConsoleDeadDeliveries($subscriptionId: ID!) {
    notificationDeliveries(subscriptionId: $subscriptionId, status: DEAD, first: 50) {
      id
      eventType
      status
      attempts
      lastError
      createdAt
    }
  }
`);

export const CreateWebhookSubscriptionMutation = graphql(`
  mutation ConsoleCreateWebhookSubscription($input: WebhookSubscriptionInput!) {
    createWebhookSubscription(input: $input) {
      secret
      subscription {
        id
      }
    }
  }
`);

export const CreateEmailSubscriptionMutation = graphql(`
  mutation ConsoleCreateEmailSubscription($input: EmailSubscriptionInput!) {
    createEmailSubscription(input: $input) {
      id
    }
  }
`);

export const DeactivateSubscriptionMutation = graphql(`
  mutation ConsoleDeactivateSubscription($id: ID!) {
    deactivateNotificationSubscription(id: $id) {
      id
      active
    }
  }
`);

export const RedeliverNotificationMutation = graphql(`
  mutation ConsoleRedeliverNotification($deliveryId: ID!) {
    redeliverNotification(deliveryId: $deliveryId) {
      id
      status
      attempts
    }
  }
`);
