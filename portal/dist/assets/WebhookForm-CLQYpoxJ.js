import{a as e,n as t,t as n}from"./jsx-runtime-Wy9s6hX0.js";import{t as r}from"./useTranslation-BHcLAHjw.js";import{i,n as a,o}from"./usePageTitle-CUEgSYxO.js";var s=e(t(),1),c=n(),l=o(`
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
`),u=o(`
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
`),d=o(`
  mutation CreateWebhook($input: WebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        id
      }
    }
  }
`),f=o(`
  mutation UpdateWebhook($id: ID!, $input: WebhookInput!) {
    updateWebhook(id: $id, input: $input) {
      id
      url
      description
      eventKinds
    }
  }
`),p=o(`
  mutation PauseWebhook($id: ID!) {
    pauseWebhook(id: $id) {
      id
      status
      pausedReason
    }
  }
`),m=o(`
  mutation ResumeWebhook($id: ID!) {
    resumeWebhook(id: $id) {
      id
      status
      pausedReason
    }
  }
`),h=o(`
  mutation RotateWebhookSecret($id: ID!) {
    rotateWebhookSecret(id: $id) {
      secret
      webhook {
        id
      }
    }
  }
`),g=o(`
  mutation RedeliverWebhook($id: ID!) {
    redeliverWebhook(deliveryID: $id) {
      id
      status
    }
  }
`),_=o(`
  mutation ReplayWebhook($id: ID!, $after: String!) {
    replayWebhook(id: $id, after: $after)
  }
`),v=o(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`),y=[`ORDER_STATUS_CHANGED`,`DELIVERY_UPDATED`,`INVOICE_ISSUED`,`PAYMENT_RECORDED`,`CREDIT_NOTE_ISSUED`,`DEALER_CHANGED`,`RETURN_UPDATED`];function b({secret:e}){let{t}=r(),[n,i]=(0,s.useState)(!1);return(0,c.jsxs)(`div`,{className:`card webhook-secret`,role:`status`,children:[(0,c.jsx)(`p`,{children:t(`webhooks.secretOnce`)}),(0,c.jsx)(`p`,{children:(0,c.jsx)(`code`,{"data-secret":!0,children:e})}),(0,c.jsx)(`button`,{type:`button`,className:`button`,onClick:async()=>{try{await navigator.clipboard.writeText(e),i(!0)}catch{i(!1)}},children:t(n?`webhooks.copied`:`webhooks.copy`)})]})}var x={url:``,description:``,eventKinds:[]};function S({title:e,submitLabel:t,initial:n=x,busy:o,onSubmit:l,onDone:u,onCancel:d,children:f}){let{t:p}=r(),m=(0,s.useId)(),[h,g]=(0,s.useState)(n.url),[_,v]=(0,s.useState)(n.description),[b,S]=(0,s.useState)(n.eventKinds),[C,w]=(0,s.useState)({}),T=async e=>{e.preventDefault();let t=await l({url:h.trim(),description:_,eventKinds:b});if(t){let e={};for(let n of i(t)){let t=n.field.replace(/^input\./,``)||`form`;e[t]=e[t]||a(p,n,`webhooks.refused`)}w(e)}else w({}),n===x&&(g(``),v(``),S([])),u?.()},E=e=>C[e]&&(0,c.jsx)(`p`,{className:`field-error`,role:`alert`,children:C[e]});return(0,c.jsxs)(`form`,{className:`card webhook-form`,onSubmit:T,noValidate:!0,"aria-labelledby":`${m}-title`,children:[(0,c.jsx)(`h2`,{id:`${m}-title`,children:e}),(0,c.jsxs)(`div`,{className:`field`,children:[(0,c.jsx)(`label`,{htmlFor:`${m}-url`,children:p(`webhooks.url`)}),(0,c.jsx)(`input`,{id:`${m}-url`,name:`url`,type:`url`,inputMode:`url`,placeholder:`https://erp.example.com/hooks/dealerline`,value:h,"aria-invalid":!!C.url,onChange:e=>g(e.target.value)}),E(`url`)]}),(0,c.jsxs)(`fieldset`,{className:`field`,children:[(0,c.jsx)(`legend`,{children:p(`webhooks.kinds`)}),y.map(e=>(0,c.jsxs)(`label`,{className:`check`,children:[(0,c.jsx)(`input`,{type:`checkbox`,name:`eventKinds`,value:e,checked:b.includes(e),onChange:t=>S(n=>t.target.checked?[...n,e]:n.filter(t=>t!==e))}),` `,p(`webhooks.kind.${e}`)]},e)),E(`eventKinds`)]}),(0,c.jsxs)(`div`,{className:`field`,children:[(0,c.jsx)(`label`,{htmlFor:`${m}-description`,children:p(`webhooks.description`)}),(0,c.jsx)(`input`,{id:`${m}-description`,name:`description`,maxLength:500,value:_,"aria-invalid":!!C.description,onChange:e=>v(e.target.value)}),E(`description`)]}),E(`form`),(0,c.jsxs)(`div`,{className:`inline-form`,children:[(0,c.jsx)(`button`,{type:`submit`,className:`button button-primary`,disabled:o,children:t}),d&&(0,c.jsx)(`button`,{type:`button`,className:`button`,onClick:d,children:p(`webhooks.cancel`)})]}),f]})}export{p as a,m as c,u as d,l as f,v as i,h as l,b as n,g as o,d as r,_ as s,S as t,f as u};