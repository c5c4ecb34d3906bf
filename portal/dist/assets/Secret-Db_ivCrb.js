<<<<<<<< HEAD:portal/dist/assets/Secret-NYHoTsfw.js
<<<<<<<< HEAD:portal/dist/assets/Secret-NYHoTsfw.js
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i}from"./usePageTitle-DxisNDw5.js";var a=i(`
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i}from"./usePageTitle-adjpLsNY.js";var a=i(`
>>>>>>>> users:portal/dist/assets/Secret-Drv86fJk.js
========
import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{o as i}from"./usePageTitle-CVG1H5E-.js";var a=i(`
>>>>>>>> stock:portal/dist/assets/Secret-Db_ivCrb.js
  query Webhooks {
    webhooks(first: 100) {
      totalCount
      edges {
        node {
          id
          url
          description
          eventKinds
          status
          pausedReason
          pendingDeliveries
          lastDelivery {
            id
            status
            responseCode
            lastAttemptAt
          }
        }
      }
    }
  }
`),o=i(`
  query Webhook($id: ID!, $status: WebhookDeliveryStatus, $after: Cursor) {
    node(id: $id) {
      ... on Webhook {
        id
        url
        description
        eventKinds
        status
        pausedReason
        pausedAt
        createdAt
        pendingDeliveries
        deliveries(status: $status, first: 50, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              eventKind
              eventCursor
              origin
              status
              responseCode
              attempts
              firstAttemptAt
              lastAttemptAt
              nextAttemptAt
              deliveredAt
              responseExcerpt
              error
            }
          }
        }
      }
    }
  }
`),s=i(`
  mutation CreateWebhook($input: WebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
      }
    }
  }
`),c=i(`
  mutation PauseWebhook($id: ID!) {
    pauseWebhook(id: $id) {
      id
      status
      pausedReason
    }
  }
`),l=i(`
  mutation ResumeWebhook($id: ID!) {
    resumeWebhook(id: $id) {
      id
      status
      pausedReason
    }
  }
`),u=i(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        id
      }
    }
  }
`),d=i(`
  mutation RedeliverWebhook($id: ID!) {
    redeliverWebhook(deliveryID: $id) {
      id
      status
    }
  }
`),f=i(`
  mutation ReplayWebhook($id: ID!, $after: String!) {
    replayWebhook(id: $id, after: $after)
  }
`),p=i(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`),m=[`ORDER_STATUS_CHANGED`,`DELIVERY_UPDATED`,`INVOICE_ISSUED`,`PAYMENT_RECORDED`,`CREDIT_NOTE_ISSUED`,`DEALER_CHANGED`,`RETURN_UPDATED`],h=e(t(),1),g=n();function _({secret:e}){let{t}=r(),[n,i]=(0,h.useState)(!1);return(0,g.jsxs)(`div`,{className:`card webhook-secret`,role:`status`,children:[(0,g.jsx)(`p`,{children:t(`webhooks.secretOnce`)}),(0,g.jsx)(`p`,{children:(0,g.jsx)(`code`,{"data-secret":!0,children:e})}),(0,g.jsx)(`button`,{type:`button`,className:`button`,onClick:async()=>{try{await navigator.clipboard.writeText(e),i(!0)}catch{i(!1)}},children:t(n?`webhooks.copied`:`webhooks.copy`)})]})}export{d as a,u as c,m as d,c as i,o as l,s as n,f as o,p as r,l as s,_ as t,a as u};